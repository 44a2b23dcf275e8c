#!/usr/bin/env node
// The tsnats-admin binary: `serve` runs the admin service in this process
// (launchers signal its pid); every other command is the CLI on its REST API.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
