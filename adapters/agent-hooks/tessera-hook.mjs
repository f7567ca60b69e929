#!/usr/bin/env node
// The command an agent CLI runs at each hook event while Tessera runs it. Plain JavaScript with no
// dependencies, so it starts in a few milliseconds.
//
// It passes the event's JSON (stdin) to the Tessera host over the host's Unix socket, proving the
// session with the secret the host put in the agent's environment, and prints what the host answers
// (a permission decision) for the CLI to read. Whatever goes wrong (no host, a closed socket, bad
// input, a timeout) it exits 0 with nothing printed: the CLI then carries on as it would without
// Tessera, its own prompt asking the user. It never makes the agent fail.
//
//   tessera-hook.mjs [--wait]    --wait: this event may get an answer (a permission request), so wait
//                                for it up to TESSERA_HOOK_WAIT_MS; without it, return at once.
import { connect } from 'node:net';

const MAX_INPUT = 4 * 1024 * 1024;
const socketPath = process.env.TESSERA_HOOK_SOCKET;
const token = process.env.TESSERA_HOOK_TOKEN;
const wait = process.argv.includes('--wait');
const waitMs = Math.max(0, Number(process.env.TESSERA_HOOK_WAIT_MS) || 0);

function finish(output) {
  if (typeof output === 'string' && output !== '') process.stdout.write(output);
  process.exitCode = 0;
  // Nothing may keep this process once it has its answer (a half-closed socket, a timer).
  setImmediate(() => process.exit(0));
}

process.on('uncaughtException', () => finish());
process.stdout.on('error', () => process.exit(0));

if (!socketPath || !token) {
  process.stdin.resume();
  process.stdin.on('end', () => finish());
  process.stdin.on('error', () => finish());
} else {
  const chunks = [];
  let size = 0;
  process.stdin.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_INPUT) finish();
    else chunks.push(chunk);
  });
  process.stdin.on('error', () => finish());
  process.stdin.on('end', () => send(Buffer.concat(chunks).toString('utf8')));
}

function send(input) {
  let payload;
  try {
    payload = JSON.parse(input);
  } catch {
    return finish();
  }
  const socket = connect(socketPath);
  let reply = '';
  const timer = setTimeout(() => {
    socket.destroy();
    finish();
  }, wait ? waitMs : 2000);
  socket.setEncoding('utf8');
  socket.on('error', () => {
    clearTimeout(timer);
    finish();
  });
  socket.on('connect', () => {
    socket.write(`${JSON.stringify({ token, wait, payload })}\n`);
    if (!wait) {
      // An event: the host has it once written; the agent is not kept waiting for anything more.
      socket.end(() => {
        clearTimeout(timer);
        finish();
      });
    }
  });
  socket.on('data', (data) => {
    reply += data;
    const newline = reply.indexOf('\n');
    if (newline === -1) return;
    clearTimeout(timer);
    socket.destroy();
    let output;
    try {
      const answer = JSON.parse(reply.slice(0, newline));
      output = typeof answer.stdout === 'string' ? answer.stdout : undefined;
    } catch {
      output = undefined;
    }
    finish(output);
  });
  socket.on('close', () => {
    clearTimeout(timer);
    finish();
  });
}
