/**
 * The {@code mail} notifier: keepalived's SMTP alerts. The engine hands it the {@code global} keys
 * starting with {@code smtp_} or {@code notification_email} and the transitions of instances and
 * sync groups with {@code smtp_alert: true}. One mail per transition, composed from templates,
 * queued without blocking and sent by a thread of its own with bounded retries. Entry point: {@link
 * io.spare.notify.mail.MailPlugin}.
 */
package io.spare.notify.mail;
