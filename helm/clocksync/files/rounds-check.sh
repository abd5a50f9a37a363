# helm test: asks the daemon Service for the latest round until one shows every agent voting
# (EXPECTED_AGENTS of them, unless 0) with no adjustment refused for its signature. The Service
# balances over the replicas and only the leader has rounds, so a follower's 404 means "again".
# Needs bash only (/dev/tcp), so that it runs in the daemon image.
set -u
deadline=$((SECONDS + TIMEOUT_SECONDS))
last="no answer"
while ((SECONDS < deadline)); do
  if exec 3<>"/dev/tcp/$DAEMON_HOST/$DAEMON_PORT"; then
    printf 'GET /api/v1/rounds/latest HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\n\r\n' "$DAEMON_HOST" >&3
    response=$(timeout 10 cat <&3)
    exec 3<&- 3>&-
    status=$(head -n 1 <<<"$response" | cut -d ' ' -f 2)
    body=${response#*$'\r\n\r\n'}
    if [[ "$status" == 200 ]]; then
      agents=$(grep -o '"state":"[A-Z_]*"' <<<"$body" | wc -l)
      voting=$(grep -o '"state":"VOTING"' <<<"$body" | wc -l)
      unauthorized=$(grep -o '"adjustment":"UNAUTHORIZED"' <<<"$body" | wc -l)
      last="latest round: $agents agents, $voting voting, $unauthorized unauthorized adjustments"
      if ((agents > 0 && voting == agents && unauthorized == 0)) \
        && ((EXPECTED_AGENTS == 0 || agents == EXPECTED_AGENTS)); then
        echo "ok: $last"
        exit 0
      fi
    else
      last="GET /api/v1/rounds/latest answered HTTP ${status:-nothing}"
    fi
  fi
  sleep 2
done
echo "failed after ${TIMEOUT_SECONDS}s: $last (expected ${EXPECTED_AGENTS} agents, 0 = any number, all voting)" >&2
exit 1
