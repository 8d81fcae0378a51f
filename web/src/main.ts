// Entry point of the console bundle (esbuild: web/src/main.ts → web/dist/assets/main-<hash>.js).
import './styles/base.css'
import './styles/frame.css'
import './styles/tables.css'
import './styles/dialogs.css'
import './styles/vpcs.css'
import './styles/create.css'
import './styles/narrow.css'
import { boot } from './app-shell.js'

void boot(document.getElementById('app') ?? document.body)
