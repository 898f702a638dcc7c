package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.MemberKind;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;
import org.junit.jupiter.api.Test;

/** The Python (tree-sitter) and Cython (line-based) readers on small real-looking modules. */
class ExtractorsTest {
  @Test
  void pythonModuleNamesSignaturesAndReExports() {
    String src =
        String.join(
            "\n",
            "from __future__ import annotations",
            "import os",
            "from numpy import array",
            "from .sub import Thing as Alias, _hidden",
            "from ..other import Far",
            "__all__ = ['Alias', 'f']",
            "__all__ += ['Cls']",
            "try:",
            "    from pkg.fast import Speedy",
            "except ImportError:",
            "    Speedy = None",
            "class Cls(Base, metaclass=Meta):",
            "    x: int = 1",
            "    @staticmethod",
            "    def s(a, /, b, *, c=3, **kw): ...",
            "    @classmethod",
            "    def k(cls, d): ...",
            "    @property",
            "    def p(self): ...",
            "    @p.setter",
            "    def p(self, v): ...",
            "    def _private(self): ...",
            "def f(a, b: int = 2, *args: str, e, **kwargs) -> None: ...",
            "CONST = 'é'",
            "");
    ModuleApi m = new PythonExtractor().extract("pkg.mod.inner", true, "pkg", "py", src);
    assertThat(m.all()).containsExactly("Alias", "f", "Cls");
    assertThat(m.names().keySet())
        .containsExactlyInAnyOrder("Alias", "Far", "Speedy", "Cls", "f", "CONST");
    assertThat(m.names().get("Alias").target()).isEqualTo("pkg.mod.inner.sub.Thing");
    assertThat(m.names().get("Far").target()).isEqualTo("pkg.mod.other.Far");
    ApiObject cls = m.names().get("Cls");
    assertThat(cls.bases()).containsExactly("Base");
    assertThat(cls.members().get("p").kind()).isEqualTo(MemberKind.PROPERTY);
    assertThat(cls.members().get("x").kind()).isEqualTo(MemberKind.ATTRIBUTE);
    assertThat(cls.members()).doesNotContainKey("_private");
    assertThat(cls.members().get("s").params())
        .containsExactly(
            new Param("a", ParamKind.POSITIONAL_ONLY, false, null),
            new Param("b", ParamKind.POSITIONAL_OR_KEYWORD, false, null),
            new Param("c", ParamKind.KEYWORD_ONLY, true, "3"),
            new Param("kw", ParamKind.VAR_KEYWORD, false, null));
    assertThat(cls.members().get("k").params()).extracting(Param::name).containsExactly("d");
    assertThat(m.names().get("f").params())
        .extracting(p -> p.name() + ":" + p.kind().id() + ":" + p.hasDefault())
        .containsExactly(
            "a:positional_or_keyword:false",
            "b:positional_or_keyword:true",
            "args:var_positional:false",
            "e:keyword_only:false",
            "kwargs:var_keyword:false");
  }

  @Test
  void cythonClassesEnumsAttributesAndVisibility() {
    String pxd =
        String.join(
            "\n",
            "cpdef enum Color:",
            "    RED = 1  # comment",
            "    GREEN = 2",
            "cdef enum Hidden:",
            "    X = 1",
            "cdef class Box(Base):",
            "    cdef readonly int size",
            "    cdef public dict[str, int] a, b",
            "    cdef object _internal",
            "    cpdef int area(self, int scale=*)",
            "");
    String pyx =
        String.join(
            "\n",
            "from pkg.core import Thing",
            "from pkg.core cimport CThing",
            "from numpy import array",
            "LIMIT = 10",
            "cdef int _c_only = 1",
            "cdef class Box(Base):",
            "    \"\"\"Doc with def fake(self): inside.\"\"\"",
            "    def __init__(self, int size, list items not None, str name = \"a,b\",",
            "                 ma_type not None: MovingAverageType=MovingAverageType.SIMPLE):",
            "        self.size = size",
            "    cpdef int area(",
            "        self,",
            "        int scale=1,  # trailing comment",
            "        callback: Callable[[int, str], None] | None = None,",
            "    ):",
            "        def nested(q): pass",
            "        return 0",
            "    @property",
            "    def label(self):",
            "        return ''",
            "    cdef void hidden(self):",
            "        pass",
            "    @staticmethod",
            "    def make(int n):",
            "        pass",
            "cdef void c_func():",
            "    pass",
            "cpdef str visible(int a, *args, **kwargs):",
            "    return ''",
            "class Plain(Box):",
            "    flag = True",
            "    def go(self, *, fast=False): pass",
            "");
    ModuleApi m = new CythonExtractor().extract("pkg.box", "pkg", pyx, pxd);
    assertThat(m.names().keySet())
        .containsExactlyInAnyOrder("Color", "Box", "Plain", "Thing", "LIMIT", "visible");
    assertThat(m.names().get("Color").kind()).isEqualTo(ObjectKind.ENUM);
    assertThat(m.names().get("Color").members().keySet()).containsExactly("GREEN", "RED");
    ApiObject box = m.names().get("Box");
    assertThat(box.bases()).containsExactly("Base");
    assertThat(box.members().keySet())
        .containsExactlyInAnyOrder("__init__", "size", "a", "b", "area", "label", "make");
    assertThat(box.members().get("label").kind()).isEqualTo(MemberKind.PROPERTY);
    assertThat(box.members().get("size").kind()).isEqualTo(MemberKind.ATTRIBUTE);
    assertThat(box.members().get("area").params())
        .containsExactly(
            new Param("scale", ParamKind.POSITIONAL_OR_KEYWORD, true, "1"),
            new Param("callback", ParamKind.POSITIONAL_OR_KEYWORD, true, "None"));
    assertThat(box.members().get("__init__").params())
        .extracting(p -> p.name() + "=" + p.defaultValue())
        .containsExactly(
            "size=null", "items=null", "name=\"a,b\"", "ma_type=MovingAverageType.SIMPLE");
    assertThat(box.members().get("make").params()).extracting(Param::name).containsExactly("n");
    assertThat(m.names().get("visible").params())
        .extracting(p -> p.kind())
        .containsExactly(
            ParamKind.POSITIONAL_OR_KEYWORD, ParamKind.VAR_POSITIONAL, ParamKind.VAR_KEYWORD);
    assertThat(m.names().get("Plain").members().get("go").params())
        .containsExactly(new Param("fast", ParamKind.KEYWORD_ONLY, true, "False"));
    assertThat(m.names().get("Plain").members().get("flag").kind()).isEqualTo(MemberKind.ATTRIBUTE);
  }

  @Test
  void similarityAcceptsRenamesAndRejectsUnrelatedNames() {
    assertThat(ApiDiff.similarity("USDT_FUTURE", "USDT_FUTURES")).isGreaterThan(0.9);
    assertThat(ApiDiff.similarity("reset_catalog_file_names", "reset_all_file_names"))
        .isGreaterThanOrEqualTo(ApiDiff.RENAME_SIMILARITY);
    assertThat(ApiDiff.similarity("start", "on_bar")).isLessThan(ApiDiff.RENAME_SIMILARITY);
    assertThat(
            ApiDiff.render(
                List.of(
                    new Param("a", ParamKind.VAR_POSITIONAL, false, null),
                    new Param("b", ParamKind.KEYWORD_ONLY, true, null))))
        .isEqualTo("*a, b=...");
  }
}
