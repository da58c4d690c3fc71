package dev.judge.core.problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** {@code problem.xml} read with the JDK's DOM parser, DOCTYPEs and external entities refused. */
final class PolygonXml {
    static final String XML = "problem.xml";

    private PolygonXml() {
    }

    static Element parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
            if (!root.getTagName().equals("problem")) {
                throw new PackageRejectedException(XML, "the root element is <" + root.getTagName() + ">, not <problem>");
            }
            return root;
        } catch (SAXParseException e) {
            throw new PackageRejectedException(XML, "line " + e.getLineNumber() + ": not well-formed XML ("
                    + e.getMessage() + ")", e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new PackageRejectedException(XML, "not readable XML (" + e.getMessage() + ")", e);
        }
    }

    static Element child(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.get(0);
    }

    static Element required(Element parent, String tag) {
        Element c = child(parent, tag);
        if (c == null) {
            throw new PackageRejectedException(XML, "no <" + tag + "> in <" + parent.getTagName() + ">");
        }
        return c;
    }

    static String text(Element parent, String tag) {
        Element c = child(parent, tag);
        return c == null ? "" : c.getTextContent().strip();
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }
}
