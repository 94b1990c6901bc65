#!/bin/sh
sleep 1.6
exit 3
