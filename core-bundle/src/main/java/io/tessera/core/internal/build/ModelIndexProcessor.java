package io.tessera.core.internal.build;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;
import io.tessera.core.VerboseName;
import io.tessera.core.internal.Names;

/**
 * Writes {@value AppModel#INDEX} for the classes of a bundle marked {@link AppModel}, so the
 * registry knows their fields without loading them. A class that cannot be a model is a
 * compile error here, where it is cheapest to fix. Fields are found as {@link io.tessera.core.Model}
 * finds them at run time: a record's components; otherwise instance fields that are neither
 * static nor transient, superclass fields first.
 */
public final class ModelIndexProcessor extends AbstractProcessor {

    private final Map<String, List<String>> linesByModel = new TreeMap<>(); // by class: the same index for the same sources

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AppModel.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element e : round.getElementsAnnotatedWith(AppModel.class)) {
            if (e instanceof TypeElement type) {
                String problem = problem(type);
                if (problem != null) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "@AppModel " + problem, type);
                } else {
                    describe(type);
                }
            }
        }
        if (round.processingOver() && !linesByModel.isEmpty()) {
            write();
        }
        return false; // others may read @AppModel too (bnd reads it from the class files)
    }

    private static String problem(TypeElement type) {
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            return "must be on a class or record, not on "
                    + type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return "must be on a concrete class (" + type.getSimpleName() + " is abstract)";
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS) {
            return "must be on a top-level or static nested class (" + type.getSimpleName() + " is an inner class)";
        }
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            return "must be on a named class";
        }
        return null;
    }

    private void describe(TypeElement type) {
        List<String> lines = new ArrayList<>();
        VerboseName verbose = type.getAnnotation(VerboseName.class);
        lines.add(line("model", processingEnv.getElementUtils().getBinaryName(type).toString(),
                verbose == null ? "" : verbose.value()));
        for (Element f : fields(type)) {
            ModelRef ref = f.getAnnotation(ModelRef.class);
            VerboseName fieldVerbose = f.getAnnotation(VerboseName.class);
            lines.add(line("field", f.getSimpleName().toString(), typeName(f.asType()),
                    fieldVerbose == null ? "" : fieldVerbose.value(), ref == null ? "" : ref.value()));
        }
        linesByModel.put(lines.get(0), lines);
    }

    private List<Element> fields(TypeElement type) {
        List<Element> fields = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            fields.addAll(type.getRecordComponents());
            return fields;
        }
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() == TypeKind.DECLARED) {
            TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
            if (!parent.getQualifiedName().contentEquals(Object.class.getName())) {
                fields.addAll(fields(parent));
            }
        }
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD && !member.getModifiers().contains(Modifier.STATIC)
                    && !member.getModifiers().contains(Modifier.TRANSIENT)) {
                fields.add(member);
            }
        }
        return fields;
    }

    /** As reflection shows it: a class by its simple name, a generic type without packages. */
    private static String typeName(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return typeName(array.getComponentType()) + "[]";
        }
        if (type instanceof DeclaredType declared && declared.getTypeArguments().isEmpty()) {
            return declared.asElement().getSimpleName().toString();
        }
        return Names.withoutPackages(type.toString());
    }

    /** Tab-separated; a tab or line break inside a value would break the format, so it becomes a space. */
    private static String line(String... values) {
        List<String> clean = new ArrayList<>();
        for (String v : values) {
            clean.add(v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }
        return String.join("\t", clean);
    }

    private void write() {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    AppModel.INDEX);
            try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                out.write("# The models of this bundle, written at build time by " + getClass().getName() + "\n");
                for (List<String> lines : linesByModel.values()) {
                    for (String l : lines) {
                        out.write(l);
                        out.write('\n');
                    }
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + AppModel.INDEX + ": " + e.getMessage());
        }
    }
}
