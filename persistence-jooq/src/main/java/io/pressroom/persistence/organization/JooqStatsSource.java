package io.pressroom.persistence.organization;

import io.pressroom.domain.organization.AdministerOrganizations;
import io.pressroom.domain.organization.StatsSource;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.jooq.generated.Routines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Counts across organizations through the SECURITY DEFINER function {@code pressroom_admin_stats()}
 * (V8), which refuses unless the unit of work's user is a system admin and returns counts only.
 */
public final class JooqStatsSource implements StatsSource {
    /** Every status a print job can have (absent from the counts: zero). */
    public static final List<String> JOB_STATUSES = List.of("pending", "held", "printing", "paused", "completed", "failed", "cancelled");

    private final DSLContext dsl;

    public JooqStatsSource(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public AdministerOrganizations.Stats stats() {
        Map<String, Object> m = JsonValues.readObject(dsl.select(Routines.pressroomAdminStats()).fetchOne().value1());
        Map<String, Long> jobs = new LinkedHashMap<>();
        JOB_STATUSES.forEach(s -> jobs.put(s, 0L));
        Object byStatus = m.get("printJobsByStatus");
        if (byStatus instanceof Map<?, ?> map) {
            map.forEach((k, v) -> jobs.put(String.valueOf(k), ((Number) v).longValue()));
        }
        return new AdministerOrganizations.Stats(count(m, "organizations"), count(m, "inactiveOrganizations"),
                count(m, "deletedOrganizations"), count(m, "users"), count(m, "systemAdmins"), count(m, "printers"), jobs);
    }

    private static long count(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0L;
    }
}
