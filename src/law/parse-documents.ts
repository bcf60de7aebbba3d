// Loading law/documents/*.yaml (the document catalogue and procedures.yaml) and law/grounds/*.yaml (the
// residence grounds). Called by parseLawFiles with the files already read as YAML; every problem is
// reported as `file: key.path: what is wrong`, and all of them at once. Cross-checks: every use names a
// procedure whose index lists the document and every index entry is a document used by that procedure;
// two uses of one document by one procedure may not apply to the same holders at the same time; the
// parameters a use or a ground names exist; a ground's documents exist and its countries are known.
import type { IsoDate } from './citation.ts';
import { createDocumentCatalogue, DocumentTypeSchema, DocumentsFileSchema, ProcedureSchema, ProceduresFileSchema } from './documents.ts';
import type { DocumentCatalogue, DocumentType, DocumentUse, Procedure, ProcedureId } from './documents.ts';
import { createGroundsTable, GroundSchema, GroundsFileSchema } from './grounds.ts';
import type { Ground, GroundsTable } from './grounds.ts';
import { reportZod, reporterFor } from './problems.ts';
import type { PathPart, Report } from './problems.ts';

export interface DataFile {
  readonly path: string;
  readonly data: unknown;
}

export interface CrossRefs {
  readonly parameterIds: ReadonlySet<string>;
  /** Known country codes; undefined when countries.yaml failed to load (then codes are not checked). */
  readonly countryCodes?: ReadonlySet<string>;
}

const overlaps = (a: { from?: IsoDate; to?: IsoDate }, b: { from?: IsoDate; to?: IsoDate }): boolean =>
  (a.from === undefined || b.to === undefined || a.from <= b.to) && (b.from === undefined || a.to === undefined || b.from <= a.to);

function checkParameters(ids: readonly string[] | undefined, at: readonly PathPart[], refs: CrossRefs, report: Report): void {
  ids?.forEach((id, j) => {
    if (!refs.parameterIds.has(id)) report([...at, j], `unknown parameter "${id}" (no file parameters/${id.replaceAll('.', '/')}.yaml)`);
  });
}

function parseProcedures(file: DataFile, report: Report): Procedure[] {
  const shell = ProceduresFileSchema.safeParse(file.data, { reportInput: true });
  if (!shell.success) {
    reportZod(shell.error, [], report);
    return [];
  }
  const out: Procedure[] = [];
  shell.data.procedures.forEach((raw, i) => {
    const parsed = ProcedureSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      reportZod(parsed.error, ['procedures', i], report);
      return;
    }
    const p = parsed.data;
    const seen = new Map<string, number>();
    p.index.forEach((id, j) => {
      const first = seen.get(id);
      if (first !== undefined) report(['procedures', i, 'index', j], `"${id}" is already at index[${first}]`);
      else seen.set(id, j);
    });
    out.push({ ...p, file: file.path });
  });
  return out;
}

function parseDocuments(file: DataFile, refs: CrossRefs, report: Report): { doc: DocumentType; at: number }[] {
  const shell = DocumentsFileSchema.safeParse(file.data, { reportInput: true });
  if (!shell.success) {
    reportZod(shell.error, [], report);
    return [];
  }
  const out: { doc: DocumentType; at: number }[] = [];
  shell.data.documents.forEach((raw, i) => {
    const parsed = DocumentTypeSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      reportZod(parsed.error, ['documents', i], report);
      return;
    }
    const d = parsed.data;
    const uses: DocumentUse[] = d.uses.map((u, j) => {
      const at: PathPart[] = ['documents', i, 'uses', j];
      if (u.from !== undefined && u.to !== undefined && u.to < u.from) report([...at, 'to'], `${u.to} is before from ${u.from}`);
      if (u.fromPrecision !== undefined && u.from === undefined) report([...at, 'fromPrecision'], 'only a use with a from date has a start precision');
      if (u.fromPrecision === 'approximate' && u.note === undefined) report([...at, 'note'], 'required when fromPrecision is approximate: say what is known about the start');
      const holders = new Set<string>();
      u.holders.forEach((h, k) => {
        if (holders.has(h)) report([...at, 'holders', k], `${h} is listed twice`);
        holders.add(h);
      });
      if (u.validity !== undefined && u.validity.maxAgeMonths === undefined && u.validity.validUntil === undefined) {
        report([...at, 'validity'], 'give maxAgeMonths, validUntil or both (or leave validity out)');
      }
      checkParameters(u.parameters, [...at, 'parameters'], refs, report);
      const origin = u.origin ?? d.origin;
      if (u.translation && (origin === 'russian' || origin === 'applicant')) {
        report([...at, 'translation'], `a notarized translation does not apply to a document of origin ${origin} (it is Russian or made for the filing)`);
      }
      const use: DocumentUse = {
        procedure: u.procedure,
        holders: u.holders,
        form: u.form,
        copies: u.copies,
        translation: u.translation,
        origin,
        parameters: u.parameters ?? [],
        fromPrecision: u.fromPrecision ?? 'exact',
        confidence: u.confidence,
        verified: u.verified,
        basis: u.basis,
        ...(u.when === undefined ? {} : { when: u.when }),
        ...(u.validity === undefined ? {} : { validity: u.validity }),
        ...(u.photo === undefined ? {} : { photo: u.photo }),
        ...(u.from === undefined ? {} : { from: u.from }),
        ...(u.to === undefined ? {} : { to: u.to }),
        ...(u.note === undefined ? {} : { note: u.note }),
      };
      return use;
    });
    // Two uses by one procedure must not claim the same holder at the same time under the same condition.
    for (let a = 0; a < uses.length; a++) {
      for (let b = a + 1; b < uses.length; b++) {
        const ua = uses[a] as DocumentUse;
        const ub = uses[b] as DocumentUse;
        if (ua.procedure !== ub.procedure || ua.when !== ub.when || !overlaps(ua, ub)) continue;
        const shared = ua.holders.filter((h) => ub.holders.includes(h));
        if (shared.length > 0) {
          report(['documents', i, 'uses', b], `overlaps uses[${a}] (${ua.procedure}, ${shared.join(', ')}): give them different holders, dates (from/to) or conditions`);
        }
      }
    }
    out.push({
      at: i,
      doc: {
        id: d.id,
        file: file.path,
        title: d.title,
        issuer: d.issuer,
        origin: d.origin,
        provider: d.provider ?? 'specialist',
        fileStem: d.fileStem,
        uses,
        confidence: d.confidence,
        verified: d.verified,
        basis: d.basis,
        ...(d.note === undefined ? {} : { note: d.note }),
      },
    });
  });
  return out;
}

/**
 * Parses the catalogue: `procedures` is law/documents/procedures.yaml (at most one), `documents` the other
 * files of law/documents/. Returns undefined when a problem was reported.
 */
export function parseCatalogue(
  procedureFiles: readonly DataFile[],
  documentFiles: readonly DataFile[],
  refs: CrossRefs,
  problems: string[],
): DocumentCatalogue | undefined {
  const before = problems.length;
  if (procedureFiles.length > 1) problems.push(`${procedureFiles.map((f) => f.path).join(', ')}: more than one documents/procedures.yaml`);
  if (procedureFiles.length === 0 && documentFiles.length > 0) problems.push('documents/procedures.yaml: missing (the document catalogue needs the procedures and their index order)');

  const procedures: Procedure[] = [];
  const procedureAt = new Map<ProcedureId, { file: string; i: number }>();
  for (const f of procedureFiles) {
    const report = reporterFor(f.path, problems);
    parseProcedures(f, report).forEach((p, i) => {
      const first = procedureAt.get(p.id);
      if (first !== undefined) report(['procedures', i, 'id'], `"${p.id}" is already listed at procedures[${first.i}]`);
      else {
        procedureAt.set(p.id, { file: f.path, i });
        procedures.push(p);
      }
    });
  }

  const documents: DocumentType[] = [];
  const where = new Map<string, string>();
  for (const f of documentFiles) {
    const report = reporterFor(f.path, problems);
    for (const { doc, at } of parseDocuments(f, refs, report)) {
      const other = where.get(doc.id);
      if (other !== undefined) {
        report(['documents', at, 'id'], `"${doc.id}" is already a document in ${other}`);
        continue;
      }
      where.set(doc.id, `${f.path} (documents[${at}])`);
      documents.push(doc);
      doc.uses.forEach((u, j) => {
        const p = procedures.find((x) => x.id === u.procedure);
        if (procedureFiles.length > 0 && p === undefined) report(['documents', at, 'uses', j, 'procedure'], `procedure "${u.procedure}" is not described in documents/procedures.yaml`);
        else if (p !== undefined && !p.index.includes(doc.id)) {
          report(['documents', at, 'uses', j, 'procedure'], `${u.procedure}'s index in ${p.file} does not list "${doc.id}": add it where the authority expects it`);
        }
      });
    }
  }
  for (const p of procedures) {
    const at = procedureAt.get(p.id) as { file: string; i: number };
    const report = reporterFor(at.file, problems);
    p.index.forEach((id, j) => {
      const d = documents.find((x) => x.id === id);
      if (d === undefined) report(['procedures', at.i, 'index', j], `unknown document "${id}" (not in law/documents/*.yaml)`);
      else if (!d.uses.some((u) => u.procedure === p.id)) report(['procedures', at.i, 'index', j], `"${id}" has no use for ${p.id} (add one to its uses, or remove it from the index)`);
    });
  }
  return problems.length > before ? undefined : createDocumentCatalogue(documents, procedures);
}

/** Parses law/grounds/*.yaml against the catalogue. Returns undefined when a problem was reported. */
export function parseGrounds(files: readonly DataFile[], catalogue: DocumentCatalogue | undefined, refs: CrossRefs, problems: string[]): GroundsTable | undefined {
  const before = problems.length;
  const grounds: Ground[] = [];
  const where = new Map<string, string>();
  for (const f of files) {
    const report = reporterFor(f.path, problems);
    const shell = GroundsFileSchema.safeParse(f.data, { reportInput: true });
    if (!shell.success) {
      reportZod(shell.error, [], report);
      continue;
    }
    shell.data.grounds.forEach((raw, i) => {
      const parsed = GroundSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) {
        reportZod(parsed.error, ['grounds', i], report);
        return;
      }
      const g = parsed.data;
      const at = (...keys: PathPart[]): PathPart[] => ['grounds', i, ...keys];
      const other = where.get(g.id);
      if (other !== undefined) report(at('id'), `"${g.id}" is already a ground in ${other}`);
      else where.set(g.id, `${f.path} (grounds[${i}])`);
      if (g.to !== undefined && g.to < g.from) report(at('to'), `${g.to} is before from ${g.from}`);
      if (g.fromPrecision === 'approximate' && g.note === undefined) report(at('note'), 'required when fromPrecision is approximate: say what is known about the start');
      if (g.eligibleWhen === undefined && g.needsFacts === undefined) {
        report(at(), 'give eligibleWhen (what the case must show), needsFacts (what the case cannot show), or both');
      }
      if (g.eligibleWhen !== undefined && Object.keys(g.eligibleWhen).length === 0) report(at('eligibleWhen'), 'give at least one condition');
      g.eligibleWhen?.citizenshipIn?.forEach((code, j) => {
        if (refs.countryCodes !== undefined && !refs.countryCodes.has(code)) report(at('eligibleWhen', 'citizenshipIn', j), `unknown country "${code}" (not in countries.yaml)`);
      });
      if (g.eligibleWhen?.principalResidencePermit !== undefined && !(g.eligibleWhen.relation ?? []).every((r) => r === 'child')) {
        report(at('eligibleWhen', 'principalResidencePermit'), 'says the HQS is the parent: give relation: [child] with it');
      }
      g.documents.forEach((id, j) => {
        if (catalogue !== undefined && !catalogue.has(id)) report(at('documents', j), `unknown document "${id}" (not in law/documents/*.yaml)`);
        else if (catalogue !== undefined && !catalogue.document(id).uses.some((u) => u.procedure === g.procedure)) {
          report(at('documents', j), `"${id}" has no use for ${g.procedure}, the procedure this ground adds to`);
        }
      });
      const p = g.processing;
      const ways = [p.parameter, p.months, p.workingDays].filter((x) => x !== undefined).length;
      if (ways !== 1) report(at('processing'), 'give exactly one of parameter, months or workingDays');
      if (p.parameter !== undefined) {
        if (!refs.parameterIds.has(p.parameter)) {
          report(at('processing', 'parameter'), `unknown parameter "${p.parameter}" (no file parameters/${p.parameter.replaceAll('.', '/')}.yaml)`);
        }
        if (p.basis !== undefined) report(at('processing', 'basis'), 'a parameter carries its own citation: leave basis out');
      } else if (ways === 1 && p.basis === undefined) {
        report(at('processing', 'basis'), 'a citation is required for a term stated here');
      } else if (ways === 1 && p.confidence === undefined) {
        report(at('processing', 'confidence'), 'required for a term stated here');
      }
      grounds.push({
        id: g.id,
        file: f.path,
        title: g.title,
        procedure: g.procedure,
        from: g.from,
        fromPrecision: g.fromPrecision ?? 'exact',
        status: g.status,
        needsFacts: g.needsFacts ?? [],
        documents: g.documents,
        languageCertificate: g.languageCertificate,
        processing: { ...p, basis: p.basis ?? [] },
        confidence: g.confidence,
        verified: g.verified,
        basis: g.basis,
        ...(g.to === undefined ? {} : { to: g.to }),
        ...(g.eligibleWhen === undefined ? {} : { eligibleWhen: g.eligibleWhen }),
        ...(g.note === undefined ? {} : { note: g.note }),
      });
    });
  }
  return problems.length > before ? undefined : createGroundsTable(grounds);
}
