// The document checklist per person and procedure: what each document must be like (original or copy,
// copies, apostille or legalization, translation, age, validity, photo size), whether the case records
// it as collected, the scans uploaded for it (download links) and an upload control. Shared by the case
// page and the specialist's portal; its wording is in portal.json (en, ru, zh).
import { useEffect, useState, type ChangeEvent } from 'react';
import type { Person } from '../../../../src/case/schema.ts';
import type { RenderedChecklistItem as ChecklistItem } from '../../../../src/engine/types.ts';
import { api, ApiError, type ChecklistReview, type DocumentRecord } from '../../api.ts';
import { Basis } from '../../Basis.tsx';
import type { T } from '../../i18n.ts';
import { StatusTag } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { checklistCounts, groupChecklist, reviewKey, reviewCountsOf, scansFor } from './model.ts';
import { nameOf } from './parts.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT =
  '.pdf,.jpg,.jpeg,.png,.heic,.heif,.tif,.tiff,application/pdf,image/jpeg,image/png,image/heic,image/heif,image/tiff';
const STATUS_CLASS: Record<ChecklistItem['status'], string> = {
  collected: 'done',
  missing: 'upcoming',
  expired: 'overdue',
  expiring: 'due',
};

export interface ChecklistProps {
  t: T;
  caseId: string;
  items: readonly ChecklistItem[];
  /** The people in the order shown. */
  people: readonly Person[];
  documents: readonly DocumentRecord[];
  canUpload: boolean;
  canDelete: boolean;
  onUploaded: (doc: DocumentRecord) => void;
  onDeleted: (documentId: string) => void;
  /** The reader's own person id (marked "you"). */
  you?: string | undefined;
  /** Whose documents the reader may upload (default: everyone's when canUpload). */
  uploadFor?: (personId: string) => boolean;
  /** The reader may share their own scans with the case's other specialists (the portal). */
  canShareOwn?: boolean;
  onChanged?: (doc: DocumentRecord) => void;
  /** The level of the heading of each person (2 on the portal, 3 under a tab's heading). */
  level: 2 | 3;
  /** How each person's document was ticked (received, accepted, rejected), by reviewKey(person, document). */
  reviews?: ReadonlyMap<string, ChecklistReview>;
  /** Owners and managers tick documents: the record as stored (a stale version throws the server's 409). */
  onReview?: (r: ChecklistReview) => void;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
const REVIEW_CLASS: Record<ChecklistReview['status'], string> = {
  received: 'due',
  accepted: 'done',
  rejected: 'overdue',
};
const REVIEW_STATUSES = ['received', 'accepted', 'rejected'] as const;

export function Checklist({
  t,
  caseId,
  items,
  people,
  documents,
  canUpload,
  canDelete,
  onUploaded,
  onDeleted,
  you,
  uploadFor,
  canShareOwn,
  onChanged,
  level,
  reviews,
  onReview,
}: ChecklistProps) {
  const groups = groupChecklist(
    items,
    people.map((p) => p.id),
  );
  const H = level === 2 ? 'h2' : 'h3';
  const H2 = level === 2 ? 'h3' : 'h4';
  if (!groups.length) return <p>{t('portal.doc.none')}</p>;
  return (
    <div className="checklist-groups">
      {groups.map((g) => {
        const person = people.find((p) => p.id === g.person);
        const mine = items.filter((i) => i.person === g.person);
        const counts = checklistCounts(mine, documents);
        return (
          <div key={g.person} className="doc-person">
            <H id={`doc-${slug(g.person)}`}>
              {g.person === you
                ? t('portal.youName', { name: nameOf(person, t.lang, g.person) })
                : nameOf(person, t.lang, g.person)}
            </H>
            <p className="hint">
              {t('portal.doc.counts', {
                uploaded: t.number(counts.uploaded),
                total: t.number(counts.total),
                collected: t.number(counts.collected),
              })}
            </p>
            {g.procedures.map((p, n) => {
              // The whole route is long (permit, visa, RP, indefinite RP, citizenship): the first
              // procedure with something still to collect is open, the others one click away.
              const open =
                n ===
                Math.max(
                  0,
                  g.procedures.findIndex((x) => x.items.some((i) => i.status !== 'collected')),
                );
              const toCollect = p.items.filter((i) => i.status !== 'collected').length;
              const ticked = reviews ? reviewCountsOf(p.items, reviews) : undefined;
              return (
                <details key={p.procedure} className="doc-procedure" open={open}>
                  <summary>
                    <H2>{t('portal.doc.for', { procedure: t(`procedure.${p.procedure}`) })}</H2>{' '}
                    <span className="hint">
                      {t('portal.doc.toCollect', { n: t.number(toCollect), total: t.number(p.items.length) })}
                    </span>
                    {ticked && (
                      <span className="hint review-counts">
                        {' · '}
                        {t('portal.doc.accepted', {
                          n: t.number(ticked.accepted),
                          total: t.number(ticked.total),
                        })}
                        {ticked.rejected > 0 && ` · ${t('portal.doc.rejectedN', { n: t.number(ticked.rejected) })}`}
                      </span>
                    )}
                  </summary>
                  <ul className="doc-list">
                    {p.items.map((i, k) => (
                      <DocItem
                        key={`${i.document}-${k}`}
                        t={t}
                        caseId={caseId}
                        item={i}
                        owner={nameOf(person, t.lang, g.person)}
                        scans={scansFor(i, documents)}
                        canUpload={canUpload && (uploadFor?.(g.person) ?? true)}
                        canDelete={canDelete}
                        canShare={!!canShareOwn && g.person === you}
                        review={reviews?.get(reviewKey(i.person, i.document))}
                        alsoFor={[
                          ...new Set(
                            mine
                              .filter((x) => x.document === i.document && x.procedure !== i.procedure)
                              .map((x) => x.procedure),
                          ),
                        ]}
                        {...(onReview ? { onReview } : {})}
                        onUploaded={onUploaded}
                        onDeleted={onDeleted}
                        {...(onChanged ? { onChanged } : {})}
                      />
                    ))}
                  </ul>
                </details>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

/** What the document must be like, in words. */
export function requirementWords(t: T, i: ChecklistItem): string[] {
  const r = i.requirement;
  const out: string[] = [t(`form.${r.form}`)];
  if (r.copies > 1) out.push(t('outcome.copies', { n: t.number(r.copies) }));
  if (r.legalization === 'apostille' || r.legalization === 'consular-legalization' || r.legalization === 'none-minsk')
    out.push(t(`legalization.${r.legalization}`));
  if (r.translation) out.push(t('outcome.translation'));
  if (r.maxAgeMonths !== undefined) out.push(t('portal.doc.maxAge', { n: t.number(r.maxAgeMonths) }));
  if (r.validUntilAtLeast) out.push(t('portal.doc.validUntil', { date: t.date(r.validUntilAtLeast) }));
  if (r.photo)
    out.push(
      t('portal.doc.photo', {
        w: t.number(r.photo.widthMm),
        h: t.number(r.photo.heightMm),
        n: t.number(r.photo.count),
      }),
    );
  return out;
}

function DocItem({
  t,
  caseId,
  item,
  owner,
  scans,
  canUpload,
  canDelete,
  canShare,
  onUploaded,
  onDeleted,
  onChanged,
  review,
  alsoFor,
  onReview,
}: {
  t: T;
  caseId: string;
  item: ChecklistItem;
  owner: string;
  scans: DocumentRecord[];
  canUpload: boolean;
  canDelete: boolean;
  canShare: boolean;
  onUploaded: (d: DocumentRecord) => void;
  onDeleted: (id: string) => void;
  onChanged?: (d: DocumentRecord) => void;
  review: ChecklistReview | undefined;
  alsoFor: string[];
  onReview?: (r: ChecklistReview) => void;
}) {
  const r = item.requirement;
  const title = (t.lang === 'zh' ? r.title.zh : undefined) ?? (t.lang === 'ru' ? r.title.ru : r.title.en);
  const issuer = (t.lang === 'zh' ? r.issuer.zh : undefined) ?? (t.lang === 'ru' ? r.issuer.ru : r.issuer.en);
  const base = `up-${slug(item.person)}-${slug(item.procedure)}-${slug(item.document)}`;
  return (
    <li className="doc-item">
      <div className="doc-head">
        <strong>{title}</strong>{' '}
        <StatusTag status={STATUS_CLASS[item.status]} label={t(`portal.doc.status.${item.status}`)} />{' '}
        <StatusTag
          status={scans.length ? 'done' : 'not-applicable'}
          label={scans.length ? t('portal.doc.scanYes') : t('portal.doc.scanNo')}
        />
        {review && (
          <>
            {' '}
            <StatusTag status={REVIEW_CLASS[review.status]} label={t(`portal.doc.review.${review.status}`)} />
          </>
        )}
      </div>
      {review?.status === 'rejected' && review.comment && (
        <p className="review-comment" role="note">
          {t('portal.doc.review.why', { comment: review.comment })}
        </p>
      )}
      {alsoFor.length > 0 && (
        <p className="hint">
          {t('portal.doc.alsoFor', { procedures: alsoFor.map((p) => t(`procedure.${p}`)).join(', ') })}
        </p>
      )}
      <p className="doc-req">
        {requirementWords(t, item).join(', ')}
        {issuer ? ` · ${t('portal.doc.issuer', { issuer })}` : ''}
        {item.usableUntil ? ` · ${t('portal.doc.usableUntil', { date: t.date(item.usableUntil) })}` : ''}
      </p>
      {(item.why || r.note) && (
        <p className="why">
          {item.why} {r.note} <Basis t={t} basis={r.basis} />
        </p>
      )}
      {!item.why && !r.note && (
        <p className="why">
          <Basis t={t} basis={r.basis} />
        </p>
      )}
      {scans.length > 0 && (
        <ul className="scans">
          {scans.map((s) => (
            <Scan
              key={s.documentId}
              t={t}
              scan={s}
              title={title}
              canDelete={canDelete}
              canShare={canShare}
              onDeleted={onDeleted}
              {...(onChanged ? { onChanged } : {})}
            />
          ))}
        </ul>
      )}
      {canUpload && (
        <Upload t={t} caseId={caseId} item={item} title={title} owner={owner} id={base} onUploaded={onUploaded} />
      )}
      {onReview && (
        <ReviewForm
          t={t}
          caseId={caseId}
          item={item}
          title={title}
          review={review}
          id={`rv-${base}`}
          onReview={onReview}
        />
      )}
    </li>
  );
}

function Scan({
  t,
  scan,
  title,
  canDelete,
  canShare,
  onDeleted,
  onChanged,
}: {
  t: T;
  scan: DocumentRecord;
  title: string;
  canDelete: boolean;
  canShare: boolean;
  onDeleted: (id: string) => void;
  onChanged?: (d: DocumentRecord) => void;
}) {
  const [confirm, setConfirm] = useState(false);
  // Sharing and deleting share one line for their problem: each clears the other's.
  const share = useAction(
    (shared: boolean) => {
      remove.reset();
      return api.setDocumentShared({ id: scan.documentId, body: { shared } });
    },
    { onDone: (d) => onChanged?.(d) },
  );
  const remove = useAction(
    () => {
      share.reset();
      return api.deleteDocument({ id: scan.documentId });
    },
    { onDone: () => onDeleted(scan.documentId), onError: () => setConfirm(false) },
  );
  const error = (share.error ?? remove.error)?.detail;
  const name = scan.fileName ?? scan.type;
  return (
    <li>
      <a href={api.href('getDocumentContent', { id: scan.documentId })} download={name}>
        {t('portal.doc.download', { name })}
      </a>{' '}
      <span className="hint">
        {t('portal.doc.uploadedAt', {
          date: t.dateTime(scan.uploadedAt),
          size: t.number(Math.max(1, Math.round(scan.size / 1024))),
        })}
      </span>
      {canShare && (
        <>
          {' '}
          <span className="hint">{scan.shared ? t('portal.doc.shared') : t('portal.doc.private')}</span>{' '}
          <button type="button" className="link" onClick={() => void share.run(!scan.shared)}>
            {scan.shared ? t('portal.doc.unshare') : t('portal.doc.share')}
            <span className="visually-hidden">{` ${name} (${title})`}</span>
          </button>
        </>
      )}
      {canDelete && !confirm && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => setConfirm(true)}>
            {t('portal.doc.delete')}
            <span className="visually-hidden">{` ${name} (${title})`}</span>
          </button>
        </>
      )}
      {confirm && (
        <span className="confirm">
          {' '}
          {t('portal.doc.deleteConfirm')}{' '}
          <button type="button" className="danger small" onClick={() => void remove.run()}>
            {t('portal.doc.deleteYes')}
            <span className="visually-hidden">{` ${name}`}</span>
          </button>{' '}
          <button type="button" className="link" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </button>
        </span>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function Upload({
  t,
  caseId,
  item,
  title,
  owner,
  id,
  onUploaded,
}: {
  t: T;
  caseId: string;
  item: ChecklistItem;
  title: string;
  owner: string;
  id: string;
  onUploaded: (d: DocumentRecord) => void;
}) {
  /** The file being sent or last sent (with whether the server had it already). */
  const [sent, setSent] = useState<{ name: string; again?: boolean } | null>(null);
  const clear = (_: unknown, { input }: { input: HTMLInputElement }) => {
    input.value = '';
  };
  const upload = useAction(
    ({ file }: { file: File; input: HTMLInputElement }) => {
      const form = new FormData();
      form.append('type', item.document);
      form.append('personId', item.person);
      form.append('file', file, file.name);
      return api.uploadDocument({ id: caseId, body: form });
    },
    {
      onDone: (r, arg) => {
        onUploaded(r.document);
        setSent({ name: arg.file.name, again: r.deduplicated });
        clear(r, arg);
      },
      onError: clear,
    },
  );
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file || upload.busy) return;
    if (file.size > MAX_BYTES) {
      setSent(null);
      upload.fail(new ApiError(413, t('portal.doc.tooBig', { mb: t.number(20) })));
      input.value = '';
      return;
    }
    setSent({ name: file.name });
    void upload.run({ file, input });
  };
  const error = upload.error && (upload.error.field('file') ?? upload.error.detail);
  return (
    <div className={`upload field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {t('portal.doc.upload')}
        <span className="visually-hidden">{` ${title} (${owner})`}</span>
      </label>
      <p className="hint" id={`${id}-hint`}>
        {t('portal.doc.uploadHint')}
      </p>
      {error && (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <input
        type="file"
        id={id}
        accept={ACCEPT}
        disabled={upload.busy}
        onChange={change}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <p className="upload-status" aria-live="polite">
        {upload.busy && sent
          ? t('portal.doc.uploading', { name: sent.name })
          : !error && sent?.again !== undefined
            ? t(sent.again ? 'portal.doc.uploadedAgain' : 'portal.doc.uploaded', { name: sent.name })
            : ''}
      </p>
    </div>
  );
}

/** Ticking a document (owners and managers): received, accepted or rejected, with a comment (a rejection needs one). */
function ReviewForm({
  t,
  caseId,
  item,
  title,
  review,
  id,
  onReview,
}: {
  t: T;
  caseId: string;
  item: ChecklistItem;
  title: string;
  review: ChecklistReview | undefined;
  id: string;
  onReview: (r: ChecklistReview) => void;
}) {
  const [status, setStatus] = useState<ChecklistReview['status']>(review?.status ?? 'received');
  const [comment, setComment] = useState(review?.comment ?? '');
  const [saved, setSaved] = useState(false);
  // The status as stored arrives after the first render (and changes when someone saves): show it.
  useEffect(() => {
    if (!review) return;
    setStatus(review.status);
    setComment(review.comment ?? '');
  }, [review]);
  const save = useAction(
    () =>
      api.setChecklistReview({
        id: caseId,
        personId: item.person,
        document: item.document,
        body: { status, comment: comment.trim() || null, version: review?.version ?? 0 },
      }),
    {
      onDone: (r) => {
        setSaved(true);
        onReview(r);
      },
    },
  );
  const error = save.error && (save.error.field('comment') ?? save.error.detail);
  return (
    <form
      className="review-form"
      aria-label={t('portal.doc.review.form', { title })}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void save.run();
      }}
    >
      {review && (
        <p className="hint">
          {t('portal.doc.review.last', {
            status: t(`portal.doc.review.${review.status}`),
            by: review.by.replace(/^(user|token):/, ''),
            date: t.dateTime(review.at),
          })}
        </p>
      )}
      <fieldset>
        <legend className="visually-hidden">{t('portal.doc.review.form', { title })}</legend>
        {REVIEW_STATUSES.map((s) => (
          <label key={s} className="inline">
            <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} />{' '}
            {t(`portal.doc.review.${s}`)}
          </label>
        ))}
      </fieldset>
      <div className={`field${error ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-comment`}>
          {t('portal.doc.review.comment')}
          <span className="visually-hidden">{` (${title})`}</span>
        </label>
        {error && (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          {...(error ? { 'aria-describedby': `${id}-error` } : {})}
        />
      </div>
      <button type="submit" className="small" disabled={save.busy}>
        {t('portal.doc.review.save')}
        <span className="visually-hidden">{` (${title})`}</span>
      </button>{' '}
      <span aria-live="polite" className="hint">
        {saved && !save.busy && !error ? t('portal.doc.review.saved') : ''}
      </span>
    </form>
  );
}
