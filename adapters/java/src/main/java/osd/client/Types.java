package osd.client;

import java.util.List;
import java.util.Map;

/**
 * The answers' shapes, after the service's {@code /openapi.json}, as immutable records.
 * Answers are open: fields the service adds later are ignored, not refused.
 */
public final class Types {
    private Types() {}

    /** A condition, obligation or remedy, citing its articles. */
    public record Term(String code, String text, String textEn, List<String> basis, Integer workingDays) {}

    /** The deadline that answers the requester. */
    public record Deadline(String step, Integer workingDays, String start, String due, String responsible,
                           String responsibleEn, boolean calendarConfirmed, List<String> basis) {}

    /** A step of the timeline: {@code due} is the latest day, {@code notBefore} the earliest. */
    public record Step(String key, String step, String stepEn, String responsible, String count, Integer n,
                       String direction, String start, String due, String notBefore, boolean calendarConfirmed,
                       List<String> basis) {}

    /** An article a decision rests on, with its cleaned text. */
    public record Article(String ref, String label, String quote) {}

    public record RegulationRef(String id, String title, String titleEn, boolean applies, String status, String version,
                                String effectiveFrom, String effectiveTo, boolean binding) {}

    public record Note(String code, String kind, String zh, String en, List<String> basis, String regulation) {}

    /** A decision (contract §1). In a batch it also carries the request's index, the caller's id and dataset.id. */
    public record Decision(String decisionId, String jurisdiction, String action, String asOf, String receivedOn,
                           String outcome, String route, String rule, Term channel, List<Term> conditions,
                           List<Term> obligations, List<Term> remedies, List<String> missing, Deadline deadline,
                           List<Step> timeline, String path, List<Article> basis, List<RegulationRef> regulations,
                           List<Note> notes, Map<String, Object> explanation, boolean calendarConfirmed,
                           boolean binding, String bundleRevision, Integer index, String id, String datasetId) {}

    /** One refused field's reason, with its machine code (required, enum, format, range, ...). */
    public record FieldError(String field, String code, String message) {}

    /** The service's error object. */
    public record ApiError(String code, String message, Map<String, List<String>> fields, List<FieldError> details) {}

    /** One result of a batch: a decision, or the error of a request that was not decided. */
    public record BatchResult(int index, String id, String datasetId, Decision decision, ApiError error) {
        public boolean decided() {
            return error == null;
        }
    }

    /** One request under several jurisdictions (contract §3). */
    public record Comparison(String comparisonId, List<Decision> decisions, String bundleRevision) {}

    /** A time limit: {@code due} is the latest day, {@code notBefore} the earliest, {@code done} when the request says it was. */
    public record Limit(String key, String path, String text, String textEn, String responsible, String responsibleEn,
                        String trigger, String count, Integer n, String direction, String from, String start, String due,
                        String notBefore, String done, boolean calendarConfirmed, String regulation, String quote,
                        List<String> basis) {}

    /** A procedure of limits, with when it applies. */
    public record DeadlinePath(String key, String text, String textEn, Map<String, Object> when, String answer,
                               List<Limit> limits) {}

    public record JurisdictionDeadlines(String jurisdiction, String outcome, String governing, String relation,
                                        List<DeadlinePath> paths, List<Limit> limits, List<RegulationRef> regulations,
                                        boolean binding, boolean calendarConfirmed, List<Note> notes,
                                        Map<String, Object> explanation) {}

    /** Every time limit the texts attach to an event (contract §5). */
    public record Deadlines(String event, String date, String asOf, List<JurisdictionDeadlines> results,
                            String bundleRevision) {}

    /** The open or share class a text requires or allows, and whether the declared one is lawful. */
    public record ClassPart(String required, List<String> allowed, boolean determined, String rule, String declared,
                            Boolean lawful, List<String> problems, List<String> basis) {}

    public record JurisdictionClassification(String jurisdiction, boolean applies, boolean binding, ClassPart open,
                                             ClassPart share, Map<String, Object> change, Map<String, Object> catalogue,
                                             Map<String, String> versions, List<RegulationRef> regulations,
                                             List<Note> notes, List<Article> basis, Map<String, Object> explanation) {}

    /** The classes each text requires or allows (contract §4). */
    public record Classification(String classificationId, String asOf, String datasetId,
                                 List<JurisdictionClassification> results, String bundleRevision) {}

    /** The parameters side by side: each topic's cell per jurisdiction. */
    public record Matrix(String asOf, Map<String, Map<String, String>> versions, List<Map<String, Object>> topics) {}
}
