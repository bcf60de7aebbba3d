// Who works the case, in the case page's head: the assignee's name, and for owners and managers a picker
// to change or clear it (PUT /cases/{id}/assignee; not a change of the case document, so no version).
import { useState } from 'react';
import { api } from '../../api.ts';
import { assigneeText, MemberSelect, personName, useAssignees } from '../pages/portfolio-ui.tsx';
import { ErrorBox } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { useApp } from '../session.tsx';
import { useCase } from './context.ts';

export function AssigneeFact() {
  const c = useCase();
  const { t, record, canWrite, id } = c;
  const { session } = useApp();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(record.assignee?.userId ?? '');
  const members = useAssignees();
  const save = useAction(
    (assignee: string | null) =>
      c.save(
        async () => {
          const s = await api.assignCase({ id, body: { assignee } });
          return { ...record, assignee: s.assignee, version: s.version, updatedAt: s.updatedAt };
        },
        assignee ? t('portfolio.case.assigned', { name: nameOf(assignee) }) : t('portfolio.case.unassigned'),
      ),
    { onDone: () => setEditing(false) },
  );
  const nameOf = (userId: string) => {
    const m = members.data?.find((x) => x.userId === userId);
    return m ? personName(m) : '';
  };
  return (
    <>
      <dt>{t('portfolio.col.assignee')}</dt>
      <dd>
        {!editing && (
          <>
            {assigneeText(t, record.assignee, session?.user.userId)}
            {canWrite && (
              <>
                {' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setValue(record.assignee?.userId ?? '');
                    setEditing(true);
                  }}
                >
                  {t('portfolio.case.change')}
                </button>
              </>
            )}
          </>
        )}
        {editing && (
          <form
            className="toolbar inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save.run(value || null);
            }}
          >
            <label htmlFor="case-assignee" className="visually-hidden">
              {t('portfolio.col.assignee')}
            </label>
            <MemberSelect
              id="case-assignee"
              value={value}
              onChange={setValue}
              members={members.data}
              none={t('portfolio.bulk.nobody')}
            />{' '}
            <button type="submit" className="primary" disabled={save.busy}>
              {t('portfolio.case.save')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </form>
        )}
        {(save.error ?? members.error) && <ErrorBox error={save.error ?? members.error} />}
      </dd>
    </>
  );
}
