import * as fs from 'fs';
import * as path from 'path';

/** The server ships inside the extension, at server/backstep.jar. */
export const SERVER_JAR_RELATIVE = path.join('server', 'backstep.jar');

export class ServerJarMissingError extends Error {}

export function locateServerJar(extensionPath: string): string {
    const jar = path.join(extensionPath, SERVER_JAR_RELATIVE);
    if (!fs.existsSync(jar)) {
        throw new ServerJarMissingError(
            `Backstep: the debug server ${jar} is missing from the extension. Reinstall the extension, ` +
                'or start "backstep dap --port N" yourself and set "debugServer": N in the launch configuration.',
        );
    }
    return jar;
}
