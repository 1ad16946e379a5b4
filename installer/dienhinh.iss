; Inno Setup script for Điển hình tiên tiến (Windows 10 1809+ / 11).
; Per-user install (no administrator rights), Vietnamese installer language, Start-menu and
; desktop shortcuts, .dhpkg packages open in the program, and an uninstaller that leaves
; the user's data (%LOCALAPPDATA%\DienHinhTienTien) alone.
; Build: first `pyinstaller --noconfirm --clean installer\dienhinh.spec`, then
;        "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\dienhinh.iss

#define AppName "Điển hình tiên tiến"
#define AppVersion "0.1.0"
#define AppExe "DienHinhTienTien.exe"

[Setup]
AppId={{6B1D8E2A-5C77-4B0B-9B7E-2E5D3C1A9D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=dienhinh_desktop
DefaultDirName={localappdata}\Programs\DienHinhTienTien
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename=DienHinhTienTien-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\app.ico

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"

[Files]
Source: "..\dist\DienHinhTienTien\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Packages exchanged between levels (.dhpkg is an ordinary .zip) open in the program.
Root: HKCU; Subkey: "Software\Classes\.dhpkg"; ValueType: string; ValueName: ""; ValueData: "DienHinhTienTien.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\DienHinhTienTien.Package"; ValueType: string; ValueName: ""; ValueData: "Gói hồ sơ Điển hình tiên tiến"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\DienHinhTienTien.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\DienHinhTienTien.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở {#AppName}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately removes nothing from %LOCALAPPDATA%\DienHinhTienTien:
; a year of an officer's work stays on the PC when the program is removed.
