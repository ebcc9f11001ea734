; Inno Setup 6 script: installs the one-folder build (dist\fieldapp) per user, without admin
; rights, with Start-menu and desktop shortcuts, Chinese (Simplified) first.
;
; Build on Windows (see packaging\README.md):
;   .venv\Scripts\pyinstaller packaging\fieldapp.spec --noconfirm --distpath dist --workpath build\pyinstaller
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\fieldapp.iss
; Output: dist\fieldapp-setup-<version>.exe
;
; The user's databases, backups, logs and settings are NOT in the program folder: they live in
; %LOCALAPPDATA%\fieldapp and stay when the program is updated or uninstalled.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "fieldapp 户户通入户核查"
#define SourceDir "..\..\dist\fieldapp"

[Setup]
AppId={{6F0C5E52-3B7A-4E0C-9C35-7E1B2B6E8A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=fieldapp
DefaultDirName={localappdata}\Programs\fieldapp
DefaultGroupName=fieldapp 户户通入户核查
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=fieldapp-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\fieldapp.ico
UninstallDisplayIcon={app}\fieldapp.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\fieldapp 户户通入户核查"; Filename: "{app}\fieldapp.exe"
Name: "{group}\{cm:UninstallProgram,fieldapp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\fieldapp 户户通入户核查"; Filename: "{app}\fieldapp.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a .sqlite database made by fieldapp opens it in fieldapp (per user).
Root: HKCU; Subkey: "Software\Classes\.sqlite\OpenWithProgids"; ValueType: string; ValueName: "fieldapp.database"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\fieldapp.database"; ValueType: string; ValueName: ""; ValueData: "fieldapp 数据库"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\fieldapp.database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\fieldapp.exe,0"
Root: HKCU; Subkey: "Software\Classes\fieldapp.database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\fieldapp.exe"" ""%1"""

[Run]
Filename: "{app}\fieldapp.exe"; Description: "{cm:LaunchProgram,fieldapp}"; Flags: nowait postinstall skipifsilent
