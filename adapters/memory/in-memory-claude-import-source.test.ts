import { claudeImportSourceContract } from '../contracts/claude-import-source.contract';
import { InMemoryClaudeImportSource } from './in-memory-claude-import-source';

claudeImportSourceContract('InMemoryClaudeImportSource', async () => {
  const source = new InMemoryClaudeImportSource();
  return {
    source,
    addSubagent: async (fileName, text) => void source.addSubagent(fileName, text),
    addSkill: async (folder, text) => void source.addSkill(folder, text),
  };
});
