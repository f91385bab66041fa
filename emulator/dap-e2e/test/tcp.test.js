'use strict';
const { defineScenarios } = require('../lib/scenarios');
const { tcpTransport } = require('../lib/support');

defineScenarios(tcpTransport);
