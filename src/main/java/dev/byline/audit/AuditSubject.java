package dev.byline.audit;

/**
 * What an {@link Audited} write returns when it names what it acted on: the audit log files the write under
 * {@link #auditId()}. A write that returns nothing (a delete) is filed under its first text or UUID argument.
 */
public interface AuditSubject {

    /** The id the audit log files the write under: an article's or a key's id, a source's slug. */
    String auditId();
}
