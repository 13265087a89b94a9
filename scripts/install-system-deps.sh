#!/usr/bin/env bash
# Install what reporter needs to turn .docx into PDF on Debian 12 (run as root):
#   LibreOffice (headless, no GUI), Noto CJK and Liberation fonts, poppler-utils, and the
#   Fandol fonts (FandolFang for 仿宋, FandolKai for 楷体) taken out of the texlive-lang-chinese
#   package without installing it (its dependencies are over 1 GB); and python3-venv when
#   python3 cannot create the .venv of the Makefile (a fresh Debian lacks it).
# Idempotent: steps already done are skipped. Quiet: prints one line per step it performs.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-liberation2 poppler-utils)
FANDOL_DIR=/usr/local/share/fonts/fandol
FANDOL_FILES=(FandolFang-Regular.otf FandolKai-Regular.otf)

if [ "$(id -u)" -ne 0 ]; then
    echo "请以 root 身份运行：sudo $0" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
updated=0
apt_update() {
    if [ "$updated" -eq 0 ]; then
        echo "apt-get update"
        apt-get update -qq >/dev/null
        updated=1
    fi
}

installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

# 1. Debian packages.
missing=()
for pkg in "${PACKAGES[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    apt_update
    echo "apt-get install ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Fandol fonts out of texlive-lang-chinese, without its dependencies.
need_fandol=0
for f in "${FANDOL_FILES[@]}"; do
    [ -s "$FANDOL_DIR/$f" ] || need_fandol=1
done
if [ "$need_fandol" -eq 1 ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    # apt-get download drops privileges to _apt: let it write into the folder.
    if id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
    if ! apt-cache show texlive-lang-chinese >/dev/null 2>&1; then apt_update; fi
    echo "apt-get download texlive-lang-chinese (Fandol fonts only)"
    if ! (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1); then
        apt_update
        (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null)
    fi
    deb=$(ls "$tmp"/texlive-lang-chinese_*.deb)
    mkdir -p "$tmp/x"
    dpkg-deb --fsys-tarfile "$deb" \
        | tar -x -C "$tmp/x" --wildcards '*/fonts/opentype/public/fandol/*.otf'
    install -d -m 0755 "$FANDOL_DIR"
    for f in "${FANDOL_FILES[@]}"; do
        src=$(find "$tmp/x" -type f -name "$f" | head -n 1)
        if [ -z "$src" ]; then
            echo "texlive-lang-chinese 中没有找到 $f" >&2
            exit 1
        fi
        install -m 0644 "$src" "$FANDOL_DIR/$f"
    done
    echo "fc-cache -f"
    fc-cache -f
fi

# 3. Check: every font reporter maps to is known to fontconfig.
for family in FandolFang FandolKai "Noto Sans CJK SC" "Noto Serif CJK SC" "Liberation Serif"; do
    if ! fc-list : family | tr ',' '\n' | grep -qx "$family"; then
        echo "字体 $family 未安装成功" >&2
        exit 1
    fi
done
