import { strict as assert } from 'assert';
import * as path from 'path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { activateExtension, Activated, stub, vscode } from '../support/harness';
import { fakeExtensionWithJar, fakeJavaHome, JAVA_11, JAVA_17, JAVA_21, JAVA_8, tempDir } from '../support/fakeJava';
import { BackstepAdapterFactory } from '../../src/adapter/adapterFactory';

const posixOnly = process.platform === 'win32' ? 'the fake java is a shell script' : false;

function session(configuration: Record<string, unknown> = {}): any {
    return new vscode.StubDebugSession('s1', 'backstep', { type: 'backstep', request: 'launch', name: 't', ...configuration });
}

function factoryWith(env: NodeJS.ProcessEnv, settingJavaHome?: string, extensionPath = fakeExtensionWithJar()) {
    return new BackstepAdapterFactory({ extensionPath, settingJavaHome: () => settingJavaHome, env });
}

const EMPTY_PATH = { PATH: tempDir('empty-path') };

describe('debug adapter factory', { skip: posixOnly }, () => {
    let activated: Activated | undefined;
    afterEach(() => activated?.dispose());

    test('the registered factory starts the bundled jar with the Java of the backstep.javaHome setting', async () => {
        const extensionPath = fakeExtensionWithJar();
        activated = activateExtension(extensionPath);
        const home = fakeJavaHome(JAVA_17);
        stub.settings.set('backstep.javaHome', home);
        const factory = stub.adapterFactories.get('backstep');
        assert.ok(factory, 'a factory is registered for type backstep');

        const descriptor = await factory.createDebugAdapterDescriptor(session());

        assert.ok(descriptor instanceof vscode.DebugAdapterExecutable);
        assert.equal(descriptor.command, path.join(home, 'bin', 'java'));
        assert.deepEqual(descriptor.args, ['-jar', path.join(extensionPath, 'server', 'backstep.jar'), 'dap']);
    });

    test('falls back to JAVA_HOME', async () => {
        const home = fakeJavaHome(JAVA_21);
        const descriptor = (await factoryWith({ ...EMPTY_PATH, JAVA_HOME: home }).createDebugAdapterDescriptor(session())) as any;
        assert.equal(descriptor.command, path.join(home, 'bin', 'java'));
    });

    test('falls back to java on the PATH', async () => {
        const home = fakeJavaHome(JAVA_17);
        const bin = path.join(home, 'bin');
        const env = { PATH: [tempDir('nothing-here'), bin].join(path.delimiter) };
        const descriptor = (await factoryWith(env).createDebugAdapterDescriptor(session())) as any;
        assert.equal(descriptor.command, path.join(bin, 'java'));
    });

    test('the setting wins over JAVA_HOME and PATH', async () => {
        const chosen = fakeJavaHome(JAVA_17);
        const other = fakeJavaHome(JAVA_21);
        const env = { JAVA_HOME: other, PATH: path.join(other, 'bin') };
        const descriptor = (await factoryWith(env, chosen).createDebugAdapterDescriptor(session())) as any;
        assert.equal(descriptor.command, path.join(chosen, 'bin', 'java'));
    });

    test('the launch attribute javaHome wins over the setting', async () => {
        const chosen = fakeJavaHome(JAVA_21);
        const setting = fakeJavaHome(JAVA_17);
        const descriptor = (await factoryWith(EMPTY_PATH, setting).createDebugAdapterDescriptor(session({ javaHome: chosen }))) as any;
        assert.equal(descriptor.command, path.join(chosen, 'bin', 'java'));
    });

    test('an old JAVA_HOME is passed over for a good java on the PATH', async () => {
        const old = fakeJavaHome(JAVA_11);
        const good = fakeJavaHome(JAVA_17);
        const env = { JAVA_HOME: old, PATH: path.join(good, 'bin') };
        const descriptor = (await factoryWith(env).createDebugAdapterDescriptor(session())) as any;
        assert.equal(descriptor.command, path.join(good, 'bin', 'java'));
    });

    test('a Java that is too old gives a clear error naming it', async () => {
        const old = fakeJavaHome(JAVA_11);
        await assert.rejects(factoryWith({ ...EMPTY_PATH, JAVA_HOME: old }).createDebugAdapterDescriptor(session()), (error: Error) => {
            assert.match(error.message, /needs Java 17 or newer/);
            assert.match(error.message, /is Java 11/);
            assert.ok(error.message.includes(path.join(old, 'bin', 'java')), error.message);
            assert.match(error.message, /backstep\.javaHome/);
            return true;
        });
    });

    test('Java 8 in the setting is refused, without falling through to another Java', async () => {
        const old = fakeJavaHome(JAVA_8);
        const good = fakeJavaHome(JAVA_17);
        await assert.rejects(
            factoryWith({ JAVA_HOME: good, PATH: path.join(good, 'bin') }, old).createDebugAdapterDescriptor(session()),
            /is Java 8/,
        );
    });

    test('an old Java from the launch attribute is blamed on the launch attribute, not the setting', async () => {
        const old = fakeJavaHome(JAVA_11);
        await assert.rejects(factoryWith(EMPTY_PATH).createDebugAdapterDescriptor(session({ javaHome: old })), (error: Error) => {
            assert.match(error.message, /from launch attribute javaHome\) is Java 11/);
            assert.match(error.message, /Set the launch attribute "javaHome"/);
            return true;
        });
    });

    test('the output channel says which Java runs the server and where it came from', async () => {
        const home = fakeJavaHome(JAVA_21);
        const lines: string[] = [];
        const factory = new BackstepAdapterFactory({
            extensionPath: fakeExtensionWithJar(),
            settingJavaHome: () => undefined,
            env: { ...EMPTY_PATH, JAVA_HOME: home },
            log: (line) => lines.push(line),
        });
        await factory.createDebugAdapterDescriptor(session());
        assert.deepEqual(lines, [`Backstep: running the debug server with Java 21 at ${path.join(home, 'bin', 'java')} (from JAVA_HOME)`]);
    });

    test('no Java anywhere gives a clear error', async () => {
        await assert.rejects(factoryWith(EMPTY_PATH).createDebugAdapterDescriptor(session()), (error: Error) => {
            assert.match(error.message, /Backstep needs Java 17 or newer.*found none/);
            assert.match(error.message, /backstep\.javaHome/);
            assert.match(error.message, /JAVA_HOME/);
            assert.match(error.message, /PATH/);
            return true;
        });
    });

    test('a javaHome setting that holds no java is reported as such', async () => {
        const notAJdk = tempDir('not-a-jdk');
        await assert.rejects(factoryWith(EMPTY_PATH, notAJdk).createDebugAdapterDescriptor(session()), (error: Error) => {
            assert.match(error.message, /setting backstep\.javaHome/);
            assert.ok(error.message.includes(notAJdk));
            assert.match(error.message, /does not exist/);
            return true;
        });
    });

    test('a java that prints no version is rejected with that reason', async () => {
        const broken = fakeJavaHome('Error occurred during initialization of VM');
        await assert.rejects(factoryWith({ ...EMPTY_PATH, JAVA_HOME: broken }).createDebugAdapterDescriptor(session()), /printed no version/);
    });

    test('a missing server jar is a clear error', async () => {
        const home = fakeJavaHome(JAVA_17);
        const emptyExtension = tempDir('ext-without-jar');
        await assert.rejects(factoryWith({ JAVA_HOME: home }, undefined, emptyExtension).createDebugAdapterDescriptor(session()), (error: Error) => {
            assert.ok(error.message.includes(path.join(emptyExtension, 'server', 'backstep.jar')), error.message);
            assert.match(error.message, /missing/);
            assert.match(error.message, /debugServer/);
            return true;
        });
    });

    test('debugServer connects to the running server on the loopback address instead of starting Java', async () => {
        // No Java and no jar at all: neither may be looked for.
        const factory = factoryWith(EMPTY_PATH, undefined, tempDir('ext-without-jar'));
        const descriptor = (await factory.createDebugAdapterDescriptor(session({ debugServer: 4711 }))) as any;
        assert.ok(descriptor instanceof vscode.DebugAdapterServer);
        assert.equal(descriptor.port, 4711);
        assert.equal(descriptor.host, '127.0.0.1');
    });

    test('the server runs in the workspace folder', async () => {
        const home = fakeJavaHome(JAVA_17);
        const folder = tempDir('workspace');
        const s = new vscode.StubDebugSession('s2', 'backstep', { type: 'backstep', request: 'launch', name: 't' }, {
            uri: vscode.Uri.file(folder),
            name: 'w',
            index: 0,
        });
        const descriptor = (await factoryWith({ JAVA_HOME: home }).createDebugAdapterDescriptor(s as any)) as any;
        assert.equal(descriptor.options.cwd, folder);
    });
});

describe('the real bundled layout', () => {
    beforeEach(() => stub.reset());
    test('the factory looks for the jar at server/backstep.jar of the extension', async () => {
        const { SERVER_JAR_RELATIVE } = await import('../../src/adapter/serverJar');
        assert.equal(SERVER_JAR_RELATIVE, path.join('server', 'backstep.jar'));
    });
});
