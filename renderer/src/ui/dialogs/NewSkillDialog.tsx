import { useState, type FormEvent } from 'react';
import { Dialog, Field, FormFooter } from './Dialog';
import { useApp } from '../shell/StoresContext';

export function NewSkillDialog({ onClose, onCreated }: { onClose: () => void; onCreated?: (name: string) => void }) {
  const app = useApp();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ name?: string; description?: string; body?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setErrors({ name: 'Give the skill a name.' });
      return;
    }
    setBusy(true);
    const response = await app.skills.getState().create({ name: name.trim(), description, body, scope: 'project' });
    setBusy(false);
    if (response.ok) {
      onClose();
      onCreated?.(response.value.name);
      return;
    }
    const kind = response.error.kind;
    const field = kind.includes('description') ? 'description' : kind.includes('name') || kind.includes('exists') ? 'name' : 'form';
    setErrors({ [field]: response.error.message });
  };

  return (
    <Dialog title="New skill" onClose={onClose} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void submit(e)}>
        <Field label="Name" error={errors.name} hint="Lowercase words joined by hyphens, e.g. code-review.">
          {({ id, describedBy, invalid }) => (
            <input id={id} data-autofocus value={name} aria-invalid={invalid} aria-describedby={describedBy} autoComplete="off" placeholder="code-review" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Description" error={errors.description} hint="One line: what the skill is for and when to use it.">
          {({ id, describedBy, invalid }) => (
            <input id={id} value={description} aria-invalid={invalid} aria-describedby={describedBy} autoComplete="off" onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <Field label="Body" error={errors.body} hint="Markdown instructions; Ctrl+Enter creates.">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={8} value={body} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        <FormFooter error={errors.form} submitLabel="Create" busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
