'use strict';
// Activities of the recorded workflows; never run during replay.

async function foreign_echo(text) {
  return text;
}

async function foreign_length(text) {
  return text.length;
}

async function foreign_lookup(name) {
  return `looked up ${name}`;
}

module.exports = { foreign_echo, foreign_length, foreign_lookup };
