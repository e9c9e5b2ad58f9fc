/**
 * electron-builder configuration: Linux AppImage + deb, Windows NSIS, macOS dmg. The app is
 * packed from desktop/dist (the "two package.json" layout): its generated package.json has no
 * dependencies, so only the bundles (dist/electron) and the renderer build (dist/renderer)
 * go into app.asar. Used by `pnpm desktop:pack` (build/packCli.ts) and by a plain
 * `electron-builder` run in desktop/. Fuses turn off Node-ish escape hatches in the binary.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

const desktopDir = dirname(fileURLToPath(import.meta.url));
/** The unpacked Electron of node_modules, when it was downloaded (otherwise electron-builder fetches its own). */
const localElectron = join(desktopDir, 'node_modules', 'electron', 'dist');

const config: Configuration = {
  appId: 'io.switchboard.desktop',
  productName: 'Switchboard',
  copyright: 'Switchboard',
  directories: { app: 'dist', output: 'release', buildResources: 'dist/build-resources' },
  files: ['package.json', 'electron/**', 'renderer/**', '!**/*.map', '!**/*.gz'],
  asar: true,
  nodeGypRebuild: false,
  // Everything the app runs is bundled (esbuild, Vite): returning false tells electron-builder
  // that node_modules are handled elsewhere, so it neither installs, rebuilds nor copies any
  // (without this it falls back to desktop/'s dependencies and packs @switchboard/shared,
  // argon2, mongoose…). Do not set npmRebuild: false — that skips this hook.
  beforeBuild: async () => false,
  ...(existsSync(localElectron) ? { electronDist: localElectron } : {}),
  protocols: [{ name: 'Switchboard', schemes: ['switchboard'] }],
  // Writes latest.yml (latest-linux.yml, latest-mac.yml) beside the installers. Copy them all to
  // the server's DESKTOP_UPDATES_DIR; the app reads them from the server it is connected to
  // (src/main/updates.ts sets the real address at run time: this one is only a placeholder).
  publish: [{ provider: 'generic', url: 'https://switchboard.invalid/desktop/updates/' }],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    executableName: 'switchboard',
    maintainer: 'Switchboard <desktop@switchboard.invalid>',
    synopsis: 'WhatsApp console and shared inbox',
  },
  deb: { depends: ['libsecret-1-0'], recommends: ['gnome-keyring'] },
  win: { target: ['nsis'] },
  // No spaces: the file keeps the name latest.yml gives it.
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, artifactName: '${productName}-Setup-${version}.${ext}' },
  mac: { target: ['dmg'], category: 'public.app-category.business' },
};

export default config;
