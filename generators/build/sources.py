"""Fingerprints of what outputs are made with besides content: templates, catalogs, code, fonts."""

from __future__ import annotations

import ctypes.util
import gettext
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.meta

from generators.build.code import closure, module_file, package_dir
from generators.fingerprint import bytes_fingerprint, data_fingerprint
from generators.project import Project
from generators.templating.catalogs import python_messages
from generators.templating.environment import GETTEXT_KEYWORDS, load_translations

FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")


class MissingFonts(Exception):
    """The CJK fonts or HarfBuzz subsetting PDFs need are not installed."""


@dataclass
class TemplateInfo:
    files: dict[str, str] = field(default_factory=dict)
    """Template name to content fingerprint, for the entry and all it includes or imports."""
    messages: set[str] = field(default_factory=set)
    """gettext msgids the templates use."""


class SourceIndex:
    """Computes and caches source fingerprints for one build."""

    def __init__(self, project: Project, package: Path | None = None) -> None:
        self.project = project
        self.package = package or package_dir()
        """The package whose code is fingerprinted (the running one, or a copy in tests)."""
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(project.templates)),
            extensions=["jinja2.ext.i18n"],
        )
        self._templates: dict[str, TemplateInfo] = {}
        self._translations: dict[str, gettext.NullTranslations] = {}
        self._modules: dict[str, str] = {}
        self._module_messages: dict[str, set[str]] = {}
        self._fonts: str | None = None

    def template(self, name: str) -> TemplateInfo:
        """The template with every template it includes, imports or extends, recursively."""
        if name in self._templates:
            return self._templates[name]
        info = TemplateInfo()
        pending = [name]
        while pending:
            current = pending.pop()
            if current in info.files:
                continue
            path = self.project.templates / current
            source = path.read_text(encoding="utf-8")
            info.files[current] = bytes_fingerprint(source.encode("utf-8"))[:16]
            ast = self._env.parse(source, current, str(path))
            for ref in jinja2.meta.find_referenced_templates(ast):
                if ref is None:
                    raise jinja2.TemplateSyntaxError(
                        "template names must be literal strings so builds can track them",
                        ast.lineno if hasattr(ast, "lineno") else 1,
                        current,
                        str(path),
                    )
                pending.append(ref)
            extract = cast(Any, self._env).extract_translations  # added by jinja2.ext.i18n
            for _, function, message in extract(ast, gettext_functions=GETTEXT_KEYWORDS):
                if isinstance(message, str):
                    info.messages.add(message)
                elif isinstance(message, tuple):
                    info.messages.update(m for m in message if isinstance(m, str))
                del function
        self._templates[name] = info
        return info

    def module_messages(self, name: str) -> set[str]:
        """The N_() message ids a generator module declares (the form's wording)."""
        if name not in self._module_messages:
            source = module_file(name, self.package)
            self._module_messages[name] = python_messages(source) if source else set()
        return self._module_messages[name]

    def messages(self, lang: str, msgids: set[str]) -> str:
        """Fingerprint of the translations of exactly these messages in a language."""
        if lang not in self._translations:
            self._translations[lang] = load_translations(self.project, lang)
        translations = self._translations[lang]
        return data_fingerprint(sorted((m, translations.gettext(m)) for m in msgids))

    def code(self, renderer_module: str) -> dict[str, str]:
        """Fingerprint of each package module the renderer imports, itself included."""
        prints: dict[str, str] = {}
        for name in closure((renderer_module,), self.package):
            if name not in self._modules:
                source = module_file(name, self.package)
                assert source is not None
                self._modules[name] = bytes_fingerprint(source.read_bytes())[:16]
            prints[name] = self._modules[name]
        return prints

    def fonts(self) -> str:
        if self._fonts is None:
            self._fonts = data_fingerprint([_font_identity(f) for f in find_cjk_fonts()])
        return self._fonts


def find_cjk_fonts() -> list[Path]:
    """The Noto CJK SC font files fontconfig will use; MissingFonts if any is absent."""
    files: list[Path] = []
    for family in FONT_FAMILIES:
        try:
            result = subprocess.run(
                ["fc-match", "-f", "%{family}\n%{file}", family],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise MissingFonts(
                f"cannot ask fontconfig for fonts ({exc}); install fontconfig"
            ) from None
        families, _, file = result.stdout.partition("\n")
        if family not in families.split(","):
            raise MissingFonts(
                f"font {family!r} is not installed (fontconfig offers {families!r} instead); "
                "install Debian's fonts-noto-cjk"
            )
        files.append(Path(file.strip()))
    return files


def require_harfbuzz_subset() -> None:
    """WeasyPrint without HarfBuzz subsetting spends seconds per page in fontTools."""
    if ctypes.util.find_library("harfbuzz-subset") is None:
        raise MissingFonts(
            "libharfbuzz-subset is not installed: WeasyPrint would subset the CJK fonts with "
            "fontTools, about 30 times slower (13 s for one page); install Debian's "
            "libharfbuzz-subset0"
        )


def _font_identity(path: Path) -> list[object]:
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]
