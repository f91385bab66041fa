import { strict as assert } from 'assert';
import { test } from 'node:test';
import { MINIMUM_JAVA_MAJOR, parseJavaMajorVersion } from '../../src/java/javaVersion';

test('reads the major version of modern Java', () => {
    assert.equal(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
    assert.equal(parseJavaMajorVersion('openjdk version "21" 2023-09-19'), 21);
    assert.equal(parseJavaMajorVersion('java version "22.0.1" 2024-04-16'), 22);
    assert.equal(parseJavaMajorVersion('openjdk version "23-ea" 2024-09-17'), 23);
});

test('reads the 1.x scheme of Java 8 and older', () => {
    assert.equal(parseJavaMajorVersion('java version "1.8.0_402"'), 8);
    assert.equal(parseJavaMajorVersion('openjdk version "1.7.0_95"'), 7);
});

test('gives up on output without a version', () => {
    assert.equal(parseJavaMajorVersion(''), undefined);
    assert.equal(parseJavaMajorVersion('Error: could not create the Java Virtual Machine'), undefined);
    assert.equal(parseJavaMajorVersion('openjdk version "internal"'), undefined);
});

test('the server needs Java 17', () => {
    assert.equal(MINIMUM_JAVA_MAJOR, 17);
});
