package io.pressroom.persistence.identity;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compatibility mode has no {@code events} table: the events of logins go to the log instead. */
public final class LoggingAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.pressroom.audit");

    @Override
    public void record(Caller caller, UUID organizationId, String eventType, String entityType, UUID entityId,
                       Map<String, Object> eventData) {
        LOG.info("audit (compatibility mode, not stored): {} {} {} by user {} from {}", eventType, entityType, entityId,
                caller.userId(), caller.ipAddress());
    }
}
