package io.pressroom.domain.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outcome of a print check: fine when {@link #reasons()} is empty. */
public record PrintCheckResult(List<Reason> reasons) {
    public PrintCheckResult {
        reasons = List.copyOf(reasons);
    }

    public boolean ok() {
        return reasons.isEmpty();
    }

    /**
     * Why one file cannot be printed as asked, in words a user can act on.
     * {@code code}: {@code file.too-large}, {@code file.dpi-too-low}, {@code file.not-found}.
     */
    public record Reason(UUID fileId, String code, String message) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fileId", fileId == null ? null : fileId.toString());
            m.put("code", code);
            m.put("message", message);
            return m;
        }
    }

    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>();
        reasons.forEach(r -> out.add(r.toMap()));
        return out;
    }
}
