#!/usr/bin/env node
// A local split cluster on free ports until Ctrl-C (see ../README.md).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
