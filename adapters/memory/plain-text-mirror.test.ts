import { terminalMirrorContract } from '../contracts/terminal-mirror.contract';
import { PlainTextMirrorFactory } from './plain-text-mirror';

terminalMirrorContract('PlainTextMirror', () => new PlainTextMirrorFactory());
