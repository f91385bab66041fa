/**
 * Driving VS Code's workbench in Chromium the way a user does: the command palette, the editor's gutter, buttons by
 * their accessible names, context menus. Every wait is for a condition, with a generous deadline.
 */
import type { Locator, Page } from 'playwright-core';

export const DEADLINE_MS = 90_000;

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until check() returns a value (not undefined), polling; fails with what() at the deadline. */
export async function until<T>(page: Page, what: () => string | Promise<string>, check: () => Promise<T | undefined>): Promise<T> {
    const end = Date.now() + DEADLINE_MS;
    for (;;) {
        const value = await check().catch(() => undefined);
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > end) {
            throw new Error(`timed out waiting for ${await what()}`);
        }
        await page.waitForTimeout(250);
    }
}

/**
 * Runs a command from the palette by its exact label. Commands of the debug contributions appear only once the
 * extension host has read them, so the palette is asked again until the command is there.
 */
export async function runCommand(page: Page, label: string, argument?: string): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    const exact = new RegExp(`^${escapeRegExp(label)}$`);
    await until(page, () => `the command "${label}" in the palette`, async () => {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible' });
        await input.fill(`>${label}`);
        const row = page.locator('.quick-input-list .monaco-list-row').filter({
            has: page.locator('.label-name', { hasText: exact }),
        });
        try {
            await row.first().waitFor({ timeout: 3000 });
        } catch {
            await page.keyboard.press('Escape');
            return undefined;
        }
        await row.first().click();
        return true;
    });
    if (argument !== undefined) {
        await input.waitFor({ state: 'visible' });
        await input.fill(argument);
        await page.keyboard.press('Enter');
    }
}

/** Opens a workspace file through Go to File. */
export async function openFile(page: Page, name: string): Promise<void> {
    await runCommand(page, 'Go to File...');
    const input = page.locator('.quick-input-widget input');
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** The line-number element of a line of the active editor, scrolled into view. */
export async function lineNumber(page: Page, line: number): Promise<Locator> {
    await runCommand(page, 'Go to Line/Column...', `:${line}`); // the box starts with ':', fill() replaces it
    const number = page
        .locator('.editor-group-container.active .monaco-editor .margin .line-numbers')
        .filter({ hasText: new RegExp(`^${line}$`) });
    await number.waitFor();
    return number;
}

/** Sets a breakpoint by clicking the gutter (the glyph margin left of the line number), as a user does. */
export async function clickGutter(page: Page, line: number): Promise<void> {
    const number = await lineNumber(page, line);
    const box = (await number.boundingBox())!;
    const glyphs = (await page.locator('.editor-group-container.active .monaco-editor .glyph-margin').first().boundingBox())!;
    await page.mouse.click(glyphs.x + glyphs.width / 2, box.y + box.height / 2);
}

/** The line VS Code highlights as the current stop in the active editor, if any. */
export async function highlightedLine(page: Page): Promise<number | undefined> {
    // runs in the page: the DOM's types are not part of this Node program
    return page.evaluate(() => {
        const doc = (globalThis as any).document;
        const editor = doc.querySelector('.editor-group-container.active .monaco-editor');
        const mark = editor?.querySelector('.view-overlays .debug-top-stack-frame-line');
        const top: string | undefined = mark?.parentElement?.style.top;
        if (!editor || !top) {
            return undefined;
        }
        for (const lineDiv of Array.from(editor.querySelectorAll('.margin-view-overlays > div')) as any[]) {
            const number = lineDiv.querySelector('.line-numbers');
            if (lineDiv.style.top === top && number?.textContent) {
                return Number(number.textContent.trim());
            }
        }
        return undefined;
    });
}

/** The name of the active editor's tab. */
export async function activeTab(page: Page): Promise<string> {
    return (await page.locator('.tab.active .label-name').first().innerText()).trim();
}

/** The Backstep status bar item's text, e.g. "icount 12,942 / 15,716". */
export async function statusBarIcount(page: Page): Promise<string | undefined> {
    const item = page.locator('.statusbar-item', { hasText: /icount/ });
    return (await item.count()) > 0 ? (await item.first().innerText()).trim() : undefined;
}

export function icountOf(statusText: string): number {
    const m = /icount ([\d,]+)/.exec(statusText);
    if (!m) {
        throw new Error(`no icount in "${statusText}"`);
    }
    return Number(m[1].replace(/,/g, ''));
}

/** The rows of the Call Stack view. */
export async function callStack(page: Page): Promise<string[]> {
    return (await page.locator('.debug-call-stack .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

/** The Call Stack view's header: with one thread VS Code shows the stop's description there. */
export async function callStackHeader(page: Page): Promise<string> {
    const header = page.locator('.pane-header', { has: page.locator('h3.title', { hasText: /^Call Stack$/i }) });
    return (await header.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The rows of the Variables view. */
export async function variables(page: Page): Promise<string[]> {
    return (await page.locator('.debug-variables .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

/** A row of the Variables view by the name it shows. */
export function variableRow(page: Page, name: string): Locator {
    return page.locator('.debug-variables .monaco-list-row').filter({
        has: page.locator('.monaco-tl-contents', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\b`) }),
    });
}

/** A debug toolbar button by its accessible name ("Step Back", "Reverse", "Continue (F5)"). */
export function debugButton(page: Page, name: RegExp): Locator {
    return page.getByRole('button', { name }).first();
}

/**
 * Chooses an entry of the context menu that is open: hovering focuses it, Enter runs it (a click that comes as fast
 * as a script's, right after the menu opened, is taken by VS Code's menu for the end of the opening click).
 */
export async function chooseMenuItem(page: Page, label: string): Promise<void> {
    const item = page.locator('.monaco-menu .action-item', { has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
    await item.first().waitFor();
    await item.first().hover();
    await until(page, () => `the menu entry "${label}" to take the focus`, async () =>
        (await item.first().evaluate((e: any) => e.classList.contains('focused'))) ? true : undefined);
    await page.keyboard.press('Enter');
}

/**
 * Expands a row of the Variables view until one of its children shows: the view redraws itself after a stop, so a
 * click on a row that is being replaced is asked again.
 */
export async function expandVariable(page: Page, name: string, child: string): Promise<void> {
    await until(page, async () => `${name} expanded to show ${child}: ${(await variables(page)).join(' | ')}`, async () => {
        if ((await variableRow(page, child).count()) > 0) {
            return true;
        }
        const row = variableRow(page, name).first();
        if ((await row.getAttribute('aria-expanded', { timeout: 2000 })) !== 'true') {
            await row.click({ timeout: 2000 });
        }
        await variableRow(page, child).first().waitFor({ timeout: 2000 });
        return true;
    });
}
