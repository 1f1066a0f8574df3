# Shared by dev/test and dev/demo: become root, install the packages in dev/packages that are missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

become_root() {
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            exec sudo --preserve-env=SPARE_IT,JAVA_HOME,MAVEN_OPTS "$0" "$@"
        fi
        echo "$(basename "$0"): needs root (network namespaces, raw sockets); run it as root" >&2
        exit 77
    fi
}

install_packages() {
    local missing=()
    while read -r pkg; do
        case "$pkg" in ''|'#'*) continue ;; esac
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
            missing+=("$pkg")
        fi
    done < "$ROOT/dev/packages"
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        # Only the packages; keepalived and haproxy are run by the tests themselves, never as services.
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}
