package dev.clocksync.core.reference;

/**
 * One way of choosing the reference among the eligible candidates of a round; too-slow ones are
 * already set aside and there is at least one eligible candidate.
 */
interface Strategy {

    Selection choose(Electorate electorate);
}
