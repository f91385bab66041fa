'use strict';
const { defineScenarios } = require('../lib/scenarios');
const { stdioTransport } = require('../lib/support');

defineScenarios(stdioTransport);
