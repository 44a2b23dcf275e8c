#!/usr/bin/env node
// The tsnats-store binary: this process is the service (launchers signal its pid).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
