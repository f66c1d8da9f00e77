package io.pressroom.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;

/** The operations the hand-written OpenAPI fragments document, for the authorization matrices. */
public final class OpenApiOperations {
    private OpenApiOperations() {}

    /** Every operation of these fragments (under {@code /openapi/}) as {@code "METHOD /path"}. */
    public static TreeSet<String> documented(String... fragments) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        TreeSet<String> documented = new TreeSet<>();
        for (String fragment : fragments) {
            try (InputStream in = OpenApiOperations.class.getResourceAsStream("/openapi/" + fragment)) {
                assertThat(in).as(fragment).isNotNull();
                JsonNode paths = yaml.readTree(in).get("paths");
                for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
                    String path = p.next();
                    for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                        String method = m.next();
                        if (!method.equals("parameters")) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                        }
                    }
                }
            }
        }
        return documented;
    }
}
