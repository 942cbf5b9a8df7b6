; Inno Setup script: setup.exe for Windows from the one-folder bundle that `make dist` builds on Windows
; (dist\cobranza). Build on a Windows machine with Inno Setup 6:
;   python -m venv .venv && .venv\Scripts\pip install --require-hashes -r requirements.lock
;   .venv\Scripts\pip install --no-deps -e . && .venv\Scripts\pyinstaller --noconfirm installer\cobranza.spec
;   iscc /DAppVersion=0.1.0 installer\windows\cobranza.iss      -> installer\windows\Output\cobranza-setup-0.1.0.exe
; It installs per user (no administrator needed) or for all users, adds a Start-menu entry and an
; uninstaller, and opens .cobranza backups with the app (Restore from backup).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8F3C5E2A-6B1D-4C8E-9A47-2D5B7C1E0F93}
AppName=Cobranza
AppVersion={#AppVersion}
AppPublisher=Cobranza
DefaultDirName={autopf}\Cobranza
DefaultGroupName=Cobranza
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputBaseFilename=cobranza-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\cobranza.ico
UninstallDisplayIcon={app}\cobranza.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\cobranza\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Cobranza"; Filename: "{app}\cobranza.exe"; Parameters: "gui"; IconFilename: "{app}\cobranza.exe"
Name: "{group}\{cm:UninstallProgram,Cobranza}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Cobranza"; Filename: "{app}\cobranza.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; .cobranza backups open with the app, which offers to restore them
Root: HKA; Subkey: "Software\Classes\.cobranza"; ValueType: string; ValueName: ""; ValueData: "Cobranza.Backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Cobranza.Backup"; ValueType: string; ValueName: ""; ValueData: "Cobranza backup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Cobranza.Backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\cobranza.exe,0"
Root: HKA; Subkey: "Software\Classes\Cobranza.Backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\cobranza.exe"" gui ""%1"""

[Run]
Filename: "{app}\cobranza.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,Cobranza}"; Flags: nowait postinstall skipifsilent
