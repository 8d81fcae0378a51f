// Entry point of the console bundle (esbuild: web/src/main.ts → web/dist/assets/main-<hash>.js).
import './styles.css'
import { boot } from './app-shell.js'

void boot(document.getElementById('app') ?? document.body)
