// A new case from an hqs-case/1 file (JSON or YAML), chosen or dropped: its bytes go to the server as
// they are, and the server's problems come back per field, read for a person.
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, describedBy } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { MAX_FILE_BYTES, caseFileType } from './build.ts';
import { Problems } from './Problems.tsx';
import { DuplicatePassport, duplicateHolders } from './DuplicatePassport.tsx';

interface Chosen {
  name: string;
  text: string;
  size: number;
}

export function ImportCase() {
  const { t } = useApp();
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const create = useAction(
    ({ name, text, anyway }: Chosen & { anyway?: boolean }) => {
      const format = caseFileType(name, text) === 'application/yaml' ? 'yaml' : 'json';
      return api.createCase({
        body: { text, format },
        ...(anyway ? { query: { allowDuplicatePassport: 'true' } } : {}),
      });
    },
    {
      onDone: (rec) => navigate(`/app/cases/${encodeURIComponent(rec.caseId)}`),
      onError: () => setFocusKey((k) => k + 1),
    },
  );
  const error = create.error;

  // A file dropped beside the drop zone must not replace the page with the file.
  useEffect(() => {
    const stop = (e: Event) => e.preventDefault();
    addEventListener('dragover', stop);
    addEventListener('drop', stop);
    return () => {
      removeEventListener('dragover', stop);
      removeEventListener('drop', stop);
    };
  }, []);

  const take = async (f: File | undefined) => {
    create.reset();
    setFileError(null);
    setFile(null);
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) return setFileError(t('newcase.file.tooLarge', { name: f.name }));
    if (f.size === 0) return setFileError(t('newcase.file.empty', { name: f.name }));
    try {
      setFile({ name: f.name, text: await f.text(), size: f.size });
    } catch (e) {
      setFileError(t('newcase.file.unreadable', { name: f.name, message: (e as Error).message }));
    }
  };
  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(fileError ?? t('newcase.file.required'));
      document.getElementById('case-file')?.focus();
      return;
    }
    void create.run(file);
  };
  const refused = error && error.errors.length > 0 && error.status === 422 ? error : null;
  return (
    <>
      <p>{t('newcase.file.intro')}</p>
      {refused ? (
        <Problems
          title={t('newcase.file.problems', { n: refused.errors.length, name: file?.name ?? '' })}
          detail={t('newcase.file.fix')}
          items={refused.errors}
          focusKey={focusKey}
          showPaths
        />
      ) : duplicateHolders(error).length && file ? (
        <DuplicatePassport
          error={error}
          busy={create.busy}
          onCreateAnyway={() => void create.run({ ...file, anyway: true })}
        />
      ) : (
        error && <ErrorBox error={error} />
      )}
      <form onSubmit={submit} noValidate>
        <div
          className={`dropzone${over ? ' over' : ''}${fileError ? ' invalid' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
        >
          <label htmlFor="case-file">{t('newcase.file.label')}</label>
          <p className="hint" id="case-file-hint">
            {t('newcase.file.hint')}
          </p>
          {fileError && (
            <p className="error" id="case-file-error">
              {fileError}
            </p>
          )}
          <input
            id="case-file"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            onChange={(e) => void take(e.target.files?.[0])}
            aria-describedby={describedBy('case-file', true, fileError)}
          />
          <p className="drop-hint">{t('newcase.file.drop')}</p>
          <p aria-live="polite" className="chosen">
            {file
              ? t('newcase.file.chosen', { name: file.name, size: t.number(Math.max(1, Math.round(file.size / 1024))) })
              : ''}
          </p>
        </div>
        <button type="submit" className="primary" disabled={create.busy}>
          {create.busy ? t('newcase.file.busy') : t('newcase.file.submit')}
        </button>
      </form>
    </>
  );
}
