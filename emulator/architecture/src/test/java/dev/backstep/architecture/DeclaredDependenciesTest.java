package dev.backstep.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every module a module's main code uses is declared in its pom (not only reached through another module), and
 * every module a pom declares for its main code is used: the poms say the same as the classes.
 */
class DeclaredDependenciesTest {

    @Test
    void everyPomDeclaresExactlyTheModulesItsCodeUses() throws Exception {
        JavaClasses classes = new ClassFileImporter().importLocations(new Modules.MainClasses().get(getClass()));
        Map<String, Set<String>> used = new TreeMap<>();
        for (String m : Modules.ALL) {
            used.put(m, new TreeSet<>());
        }
        for (JavaClass c : classes) {
            String from = Modules.of(c);
            if (from == null) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = Modules.of(d.getTargetClass());
                if (to != null && !to.equals(from)) {
                    used.get(from).add(to);
                }
            }
        }
        Map<String, Set<String>> declared = new TreeMap<>();
        for (String m : Modules.ALL) {
            declared.put(m, declaredForMainCode(Modules.dir(m).resolve("pom.xml")));
        }
        assertEquals(used.toString(), declared.toString(),
                "modules used by each module's main classes (left) vs declared in its pom with compile scope (right)");
    }

    /** The backstep-* artifacts a pom declares for its main code (compile scope, the default). */
    private static Set<String> declaredForMainCode(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        Set<String> out = new TreeSet<>();
        NodeList deps = doc.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (!(d.getParentNode() instanceof Element parent) || !parent.getTagName().equals("dependencies")
                    || !(parent.getParentNode() instanceof Element owner) || !owner.getTagName().equals("project")) {
                continue; // dependencyManagement or a plugin's dependencies
            }
            String group = text(d, "groupId");
            String artifact = text(d, "artifactId");
            String scope = text(d, "scope");
            if ("dev.backstep".equals(group) && artifact != null && artifact.startsWith("backstep-")
                    && (scope == null || scope.equals("compile"))) {
                out.add(artifact.substring("backstep-".length()));
            }
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }
}
