package io.tessera.core.internal.build;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
import javax.lang.model.element.PackageElement;
import javax.tools.Diagnostic;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;
import io.tessera.core.VerboseName;
import io.tessera.core.internal.Names;

/**
 * Describes each class of a bundle marked {@link AppModel} for the {@value AppModel#INDEX_HEADER}
 * header, so the registry knows its fields without loading it. A class that cannot be a model is
 * a compile error here, where it is cheapest to fix. Fields are found as {@link io.tessera.core.Model}
 * finds them at run time: a record's components; otherwise instance fields that are neither
 * static nor transient, superclass fields first.
 *
 * <p>A processor cannot write the manifest, but bnd writes headers from annotations: for a model
 * {@code shop.Order} this generates {@code shop.TesseraModel_Order}, an empty class carrying a
 * {@link ModelDescription}, which bnd turns into the model's clause of the header. The class is
 * never loaded.
 */
public final class ModelIndexProcessor extends AbstractProcessor {

    /** Prefix of the generated classes, as AutoValue prefixes its own. */
    static final String PREFIX = "TesseraModel_";

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
                    generate(type);
                }
            }
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

    private void generate(TypeElement type) {
        String binaryName = processingEnv.getElementUtils().getBinaryName(type).toString();
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
        String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        String generated = PREFIX + binaryName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1)
                .replace('$', '_');
        VerboseName verbose = type.getAnnotation(VerboseName.class);
        try (Writer out = processingEnv.getFiler()
                .createSourceFile(packageName.isEmpty() ? generated : packageName + "." + generated, type)
                .openWriter()) {
            out.write(source(packageName, generated, binaryName, verbose == null ? "" : verbose.value(),
                    ModelIndexFormat.fields(fields(type))));
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "@AppModel: cannot write the description of " + binaryName + " (" + e.getMessage() + ")", type);
        }
    }

    private List<ModelIndexFormat.Field> fields(TypeElement type) {
        List<ModelIndexFormat.Field> fields = new ArrayList<>();
        for (Element f : fieldElements(type)) {
            ModelRef ref = f.getAnnotation(ModelRef.class);
            VerboseName verbose = f.getAnnotation(VerboseName.class);
            fields.add(new ModelIndexFormat.Field(f.getSimpleName().toString(), typeName(f.asType()),
                    ref == null ? null : ref.value(), verbose == null ? null : verbose.value()));
        }
        return fields;
    }

    private List<Element> fieldElements(TypeElement type) {
        List<Element> fields = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            fields.addAll(type.getRecordComponents());
            return fields;
        }
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() == TypeKind.DECLARED) {
            TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
            if (!parent.getQualifiedName().contentEquals(Object.class.getName())) {
                fields.addAll(fieldElements(parent));
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

    private static String source(String packageName, String className, String model, String verbose, String fields) {
        return (packageName.isEmpty() ? "" : "package " + packageName + ";\n\n")
                + "/** The description of model " + model + " for the " + AppModel.INDEX_HEADER
                + " header, written by Tessera's annotation processor. Never loaded. */\n"
                + "@" + ModelDescription.class.getName() + "(\n"
                + "        model = " + literal(ModelIndexFormat.encode(model)) + ",\n"
                + "        verbose = " + literal(ModelIndexFormat.encode(verbose)) + ",\n"
                + "        fields = " + literal(fields) + ")\n"
                + "final class " + className + " {\n\n    private " + className + "() {\n    }\n}\n";
    }

    /** A Java string literal of encoded text (which has no quote or backslash), ASCII only. */
    private static String literal(String encoded) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
