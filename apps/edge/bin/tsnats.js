#!/usr/bin/env node
// The tsnats binary: this process is the server (launchers signal its pid).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
