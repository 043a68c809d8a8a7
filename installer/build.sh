#!/usr/bin/env bash
# Build the one-folder SkillDesk bundle for this OS: installer/dist/skilldesk/.
#
#   installer/build.sh                      # uses .venv/bin/python of the checkout
#   PYTHON=/path/to/python installer/build.sh
#
# Needs the `installer` extra in that Python: pip install -e '.[installer]'
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"

python="${PYTHON:-.venv/bin/python}"
# A PYTHON given as a relative path means relative to where the caller stands.
if [[ "${python}" == */* && "${python}" != /* && -e "${python}" ]]; then
    python="$(cd "$(dirname "${python}")" && pwd)/$(basename "${python}")"
fi

cd "${repo_root}"
if ! "${python}" -c 'import PyInstaller' 2>/dev/null; then
    echo "build.sh: ${python} cannot import PyInstaller; install it with: ${python} -m pip install -e '.[installer]'" >&2
    exit 2
fi

started=${SECONDS}
"${python}" -m PyInstaller --noconfirm --clean \
    --distpath installer/dist --workpath installer/build \
    installer/skilldesk.spec
elapsed=$(( SECONDS - started ))

bundle="${repo_root}/installer/dist/skilldesk"
executable="${bundle}/skilldesk"
[[ -x "${executable}" ]] || executable="${bundle}/skilldesk.exe"
echo
echo "Bundle:     ${bundle}"
echo "Executable: ${executable}"
echo "Size:       $(du -sh "${bundle}" | cut -f1) ($(find "${bundle}" -type f | wc -l | tr -d ' ') files)"
echo "Built in:   ${elapsed} s"
