package io.pressroom.web.http.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pressroom.domain.audit.AuditEvent;
import java.io.IOException;
import java.io.Writer;

/** How one exported event is written: CSV (RFC 4180, formula-safe) or NDJSON (one object per line). */
sealed interface EventExport {
    String contentType();

    void header(Writer out) throws IOException;

    void row(Writer out, AuditEvent e) throws IOException;

    String[] COLUMNS = {"id", "createdAt", "organizationId", "userId", "eventType", "entityType", "entityId", "ipAddress",
        "userAgent", "eventData"};

    record Csv(ObjectMapper mapper) implements EventExport {
        @Override
        public String contentType() {
            return "text/csv; charset=utf-8";
        }

        @Override
        public void header(Writer out) throws IOException {
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void row(Writer out, AuditEvent e) throws IOException {
            String[] cells = {str(e.id()), str(e.createdAt()), str(e.organizationId()), str(e.userId()), e.eventType(), e.entityType(),
                str(e.entityId()), e.ipAddress(), e.userAgent(), mapper.writeValueAsString(e.eventData())};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        }

        private static String str(Object o) {
            return o == null ? "" : o.toString();
        }

        /**
         * One CSV cell: a cell a spreadsheet would read as a formula (starting with = + - @, tab
         * or carriage return) is prefixed with an apostrophe; a cell holding a comma, quote or line
         * break is quoted with its quotes doubled.
         */
        static String cell(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            String v = value;
            char first = v.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                v = "'" + v;
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            return v;
        }
    }

    record Ndjson(ObjectMapper mapper) implements EventExport {
        @Override
        public String contentType() {
            return "application/x-ndjson; charset=utf-8";
        }

        @Override
        public void header(Writer out) {
            // no header line
        }

        @Override
        public void row(Writer out, AuditEvent e) throws IOException {
            // one line per object: Jackson escapes line breaks inside strings
            try (JsonGenerator g = mapper.getFactory().createGenerator(new NonClosing(out))) {
                mapper.writeValue(g, EventRoutes.EventBody.from(e));
            }
            out.write('\n');
        }
    }

    /** Lets a generator be closed per row without closing the response. */
    final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
