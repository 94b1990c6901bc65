#!/bin/sh
# Writes capture-mode output (one write, so every daemon reads it as one chunk), then
# a line on stderr, then more stdout that flushes the text held back after the end token.
printf 'before <!--XSUPERVISOR:BEGIN-->hello comm<!--XSUPERVISOR:END--> after\n'
sleep 0.3
printf 'oops\n' >&2
sleep 0.3
printf 'second line, longer than a capture token\n'
exec sleep 1000
