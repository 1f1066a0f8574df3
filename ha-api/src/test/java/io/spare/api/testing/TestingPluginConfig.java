package io.spare.api.testing;

import io.spare.api.ConfigProblem;
import io.spare.api.DidYouMean;
import io.spare.api.PluginConfig;
import io.spare.api.PluginConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PluginConfig} over a plain map, for plugin unit tests that run without the engine. It
 * follows the engine's binding rules: record component {@code minUp} binds key {@code min_up};
 * durations are {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m} or a number of seconds; enums
 * are case-insensitive; a missing key binds null, 0, false or an empty Optional; unknown keys and
 * wrong types are {@link PluginConfigException}s naming the key.
 */
public final class TestingPluginConfig implements PluginConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private final String path;
    private final Map<String, Object> values;
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private TestingPluginConfig(String path, Map<String, Object> values) {
        this.path = path;
        this.values = new LinkedHashMap<>(values);
    }

    public static TestingPluginConfig of(Map<String, Object> values) {
        return new TestingPluginConfig("test", values);
    }

    public static TestingPluginConfig of(String path, Map<String, Object> values) {
        return new TestingPluginConfig(path, values);
    }

    /** The warnings the plugin reported through {@link #warn}. */
    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Set<String> keys() {
        return new LinkedHashSet<>(values.keySet());
    }

    @Override
    public void warn(String key, String message) {
        warnings.add(new ConfigProblem(key, message));
    }

    @Override
    public <T> T bind(Class<T> type) throws PluginConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Object bound = convert("", values, type, problems);
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        return type.cast(bound);
    }

    private static Object bindRecord(String prefix, Map<?, ?> map, Class<?> type, List<ConfigProblem> problems) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent component : components) {
            byKey.put(snakeCase(component.getName()), component);
        }
        for (Object key : map.keySet()) {
            if (!byKey.containsKey(String.valueOf(key))) {
                problems.add(new ConfigProblem(
                        prefix + key, "unknown key" + suggestion(String.valueOf(key), byKey.keySet())));
            }
        }
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int size = problems.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String key = snakeCase(component.getName());
            arguments[i] = convert(prefix + key, map.get(key), component.getGenericType(), problems);
        }
        if (problems.size() > size) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            problems.add(new ConfigProblem(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    String.valueOf(cause.getMessage())));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    private static Object convert(String key, Object value, Type type, List<ConfigProblem> problems) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class) {
            return value == null ? Optional.empty() : Optional.ofNullable(convert(key, value, typeArgument(type, 0), problems));
        }
        if (raw == OptionalInt.class) {
            if (value == null) {
                return OptionalInt.empty();
            }
            Object number = convert(key, value, int.class, problems);
            return number == null ? OptionalInt.empty() : OptionalInt.of((Integer) number);
        }
        if (value == null) {
            if (raw == boolean.class) {
                return false;
            }
            if (raw == int.class || raw == long.class || raw == double.class) {
                return raw == int.class ? (Object) 0 : raw == long.class ? (Object) 0L : (Object) 0.0;
            }
            return null;
        }
        try {
            if (raw.isRecord()) {
                if (!(value instanceof Map<?, ?> map)) {
                    return wrong(key, "a mapping", value, problems);
                }
                return bindRecord(key.isEmpty() ? "" : key + ".", map, raw, problems);
            }
            if (raw == String.class) {
                return value instanceof Map || value instanceof List ? wrong(key, "a string", value, problems) : String.valueOf(value);
            }
            if (raw == int.class || raw == Integer.class) {
                return value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.valueOf(Integer.parseInt(String.valueOf(value).trim()));
            }
            if (raw == long.class || raw == Long.class) {
                return value instanceof Number n ? n.longValue() : Long.valueOf(Long.parseLong(String.valueOf(value).trim()));
            }
            if (raw == double.class || raw == Double.class) {
                return value instanceof Number n ? n.doubleValue() : Double.valueOf(Double.parseDouble(String.valueOf(value).trim()));
            }
            if (raw == boolean.class || raw == Boolean.class) {
                if (value instanceof Boolean b) {
                    return b;
                }
                return wrong(key, "true or false", value, problems);
            }
            if (raw == Duration.class) {
                return duration(key, value, problems);
            }
            if (raw == Path.class) {
                return Path.of(String.valueOf(value));
            }
            if (raw.isEnum()) {
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(String.valueOf(value).replace('-', '_'))) {
                        return constant;
                    }
                }
                List<String> names = new ArrayList<>();
                for (Object constant : raw.getEnumConstants()) {
                    names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
                }
                return wrong(key, "one of " + names, value, problems);
            }
            if (raw == List.class) {
                if (!(value instanceof List<?> list)) {
                    return wrong(key, "a list", value, problems);
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(convert(key + "[" + i + "]", list.get(i), typeArgument(type, 0), problems));
                }
                // A failed element is already a problem; the list is discarded with the rest.
                return out.contains(null) ? null : List.copyOf(out);
            }
            if (raw == Map.class) {
                if (!(value instanceof Map<?, ?> map)) {
                    return wrong(key, "a mapping", value, problems);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.put(String.valueOf(entry.getKey()),
                            convert(key + "." + entry.getKey(), entry.getValue(), typeArgument(type, 1), problems));
                }
                return out;
            }
            if (raw == Object.class) {
                return value;
            }
        } catch (NumberFormatException e) {
            return wrong(key, "a number", value, problems);
        }
        throw new IllegalArgumentException("TestingPluginConfig cannot bind " + type);
    }

    private static Object duration(String key, Object value, List<ConfigProblem> problems) {
        if (value instanceof Number n) {
            return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        }
        Matcher matcher = DURATION.matcher(String.valueOf(value).trim());
        if (!matcher.matches()) {
            return wrong(key, "a duration like 2s, 500ms or 1m", value, problems);
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double nanos = switch (unit) {
            case "ms" -> amount * 1e6;
            case "m" -> amount * 60e9;
            case "h" -> amount * 3600e9;
            default -> amount * 1e9;
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    private static Object wrong(String key, String expected, Object value, List<ConfigProblem> problems) {
        problems.add(new ConfigProblem(key, "must be " + expected + " (was " + value + ")"));
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String suggestion(String key, Set<String> known) {
        return DidYouMean.nearest(key, known, Math.max(2, key.length() / 3)).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }
}
