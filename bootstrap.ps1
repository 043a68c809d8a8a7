# Windows equivalent of bootstrap.sh:  powershell -ExecutionPolicy Bypass -File bootstrap.ps1 run|test|setup
# Qt ships its own libraries on Windows, so only Python 3.11+ is needed (python.org or `winget install Python.Python.3.11`).
param([ValidateSet("run", "test", "setup")][string]$Mode = "run")
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot

$python = (Get-Command py -ErrorAction SilentlyContinue) ? "py -3.11" : "python"
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "[bootstrap] Creating the virtual environment .venv"
    Invoke-Expression "$python -m venv .venv"
}
$stamp = ".venv\.skilldesk-installed"
$want = (Get-FileHash pyproject.toml -Algorithm SHA256).Hash
if (-not (Test-Path $stamp) -or (Get-Content $stamp) -ne $want) {
    Write-Host "[bootstrap] Installing SkillDesk and its Python packages (first time: a few minutes)"
    .venv\Scripts\python -m pip install --quiet --upgrade pip
    .venv\Scripts\python -m pip install --quiet -e ".[test,installer]"
    Set-Content $stamp $want
}
switch ($Mode) {
    "run"   { .venv\Scripts\skilldesk gui }
    "test"  { $env:QT_QPA_PLATFORM = "offscreen"; .venv\Scripts\python -m pytest }
    "setup" { Write-Host "[bootstrap] Set up. Open SkillDesk with .venv\Scripts\skilldesk" }
}
