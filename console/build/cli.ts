// `npm run build -w @matchgraph/console`: builds dist/ (always; npm start builds only when stale).
import { buildConsole, CONSOLE_DIST } from "./index.js";

const started = Date.now();
await buildConsole();
process.stdout.write(`Console built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${CONSOLE_DIST}\n`);
