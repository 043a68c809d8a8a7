# Build the one-folder SkillDesk bundle on Windows: installer\dist\skilldesk\.
# UNTESTED so far (written alongside build.sh, which is tested on Linux); see installer\README.md.
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#   $env:PYTHON = "C:\path\to\python.exe"; .\installer\build.ps1
#
# Needs the `installer` extra in that Python: pip install -e ".[installer]"
$ErrorActionPreference = "Stop"

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
$Python = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
# A PYTHON given as a relative path means relative to where the caller stands.
if (-not [System.IO.Path]::IsPathRooted($Python) -and (Test-Path $Python)) {
    $Python = (Resolve-Path $Python).Path
}

Push-Location $RepoRoot
try {
    & $Python -c "import PyInstaller" 2>$null
    if ($LASTEXITCODE -ne 0) {
        Write-Error "build.ps1: $Python cannot import PyInstaller; install it with: $Python -m pip install -e "".[installer]"""
        exit 2
    }

    $Watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $Python -m PyInstaller --noconfirm --clean `
        --distpath installer\dist --workpath installer\build `
        installer\skilldesk.spec
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $Watch.Stop()

    $Bundle = Join-Path $RepoRoot "installer\dist\skilldesk"
    $Files = Get-ChildItem -Path $Bundle -Recurse -File
    $SizeMB = [math]::Round((($Files | Measure-Object -Property Length -Sum).Sum / 1MB), 1)
    Write-Host ""
    Write-Host "Bundle:     $Bundle"
    Write-Host "Executable: $(Join-Path $Bundle 'skilldesk.exe')"
    Write-Host "Size:       $SizeMB MB ($($Files.Count) files)"
    Write-Host "Built in:   $([math]::Round($Watch.Elapsed.TotalSeconds)) s"
}
finally {
    Pop-Location
}
