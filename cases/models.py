import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedManager


class DayKind(models.TextChoices):
    REST = "rest", _("Statutory holiday or rest day")
    WORKDAY = "workday", _("Make-up working day")


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("chinesecalendar package")
    MANUAL = "manual", _("Entered by staff")


class CalendarYear(models.Model):
    """A year whose holiday schedule is known. A period running into any other year is counted
    on the provisional calendar (cases.holidays) and flagged 暂定 until the year is entered."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=16, choices=CalendarSource.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    notice_text = models.TextField(_("text of the notice"), blank=True)
    entered_by = models.ForeignKey(
        "core.User",
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a holiday on a weekday, or a make-up working
    day (调休上班日) on a weekend. Weekend days inside a holiday are stored too."""

    date = models.DateField(_("date"), unique=True)
    # The schedule the day belongs to: usually its own year, but a notice may reach into the
    # year before or after (元旦 2019 began on 2018-12-30, with Saturday 2018-12-29 worked).
    year = models.PositiveSmallIntegerField(_("schedule year"), db_index=True, default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("holiday"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=CalendarSource.choices)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"

    def save(self, *args, **kwargs):
        if not self.year:
            self.year = self.date.year
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# The case base and the records every case carries (events, clocks, files, documents).
# --------------------------------------------------------------------------------------------


class Channel(models.TextChoices):
    WINDOW = "window", _("Walk-in window")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Telephone")
    POST = "post", _("Post")
    REFERRAL = "referral", _("Referral")
    INITIATIVE = "initiative", _("Own initiative")


class StateLocked(Exception):
    """Raised when code assigns a case's state outside the transition engine."""


class Case(models.Model):
    """The abstract base of every business line's case (DESIGN.md, Cases and processes).

    The state column is written only by `cases.engine.fire`; saving a case whose state was
    changed any other way raises StateLocked.
    """

    # Indexes are declared with plain B-trees in the concrete model's Meta (case_indexes): a
    # CharField's db_index adds a second, varchar_pattern_ops copy on PostgreSQL that no query
    # here uses (scoping is a range, search goes through trigrams).
    number = models.CharField(_("case number"), max_length=64, blank=True)
    number_year = models.PositiveSmallIntegerField(_("numbering year"), null=True, blank=True)
    number_seq = models.PositiveIntegerField(_("sequence number"), null=True, blank=True)
    region_code = models.CharField(_("region code"), max_length=12)
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("handling organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by the (organization, received_at) index of case_indexes
    )
    state = models.CharField(_("state"), max_length=32)
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.WINDOW
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("current deadline"), null=True, blank=True)
    # The current deadline was counted on a provisional calendar (暂定): it reaches a year
    # whose holiday schedule is not entered yet (cases.calendar, cases.schedules).
    due_provisional = models.BooleanField(_("deadline provisional"), default=False)
    outcome = models.CharField(_("outcome"), max_length=32, blank=True)
    assignee = models.ForeignKey(
        "core.User",
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey(
        "core.Organization",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An unclaimed case waits in its team's queue until a member claims it."),
    )
    created_by = models.ForeignKey(
        "core.User",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        abstract = True
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def save(self, *args, **kwargs):
        saved = getattr(self, "_saved_state", None)
        if (
            self.pk
            and saved is not None
            and saved != self.state
            and not getattr(self, "_in_transition", False)
        ):
            raise StateLocked(f"{self!r}: the state changes only through a transition")
        super().save(*args, **kwargs)
        self._saved_state = self.state

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_state = instance.__dict__.get("state")
        return instance

    #: Roles that may assign a case to a person (besides claiming from a team queue).
    assigning_roles = frozenset({"system_admin", "leader", "section_staff", "office_staff"})

    def can_assign(self, roles: set[str]) -> bool:
        return bool(self.assigning_roles & roles)

    @property
    def process(self):
        from cases.process import registry

        return registry.for_model(type(self))

    @property
    def state_label(self) -> str:
        return self.process.state(self.state).label

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


def case_indexes(prefix: str) -> list[models.Index]:
    """The indexes every business line's case table needs for its lists and scoping; a concrete
    case model puts them in its Meta (`indexes = [*case_indexes("dispute"), ...]`).

    Scoping is a range on region_code (core.regions.within) or an organisation, the list is
    ordered by received_at and filtered by received/closed dates (timestamp bounds), so the
    composites lead with the scope column. Write cost: each index is one more B-tree write on
    every insert and on every update of its columns (a transition writes state, outcome and
    closed_at); so a single-column index that a composite leads with, and PostgreSQL's
    varchar_pattern_ops copy of an indexed CharField, are not created (22 indexes on the
    dispute table before, 17 now; docs/operators/scale.md)."""
    return [
        models.Index(fields=["region_code", "received_at"], name=f"{prefix}_region_received"),
        models.Index(fields=["region_code", "closed_at"], name=f"{prefix}_region_closed"),
        models.Index(fields=["organization", "received_at"], name=f"{prefix}_org_received"),
        models.Index(fields=["number"], name=f"{prefix}_number"),
        models.Index(fields=["state"], name=f"{prefix}_state"),
        models.Index(fields=["outcome"], name=f"{prefix}_outcome"),
    ]


class CaseRecord(models.Model):
    """Something that belongs to a case of any business line (generic reference), carrying
    the case's region code and organisation so that it is scoped without a join."""

    case_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        abstract = True

    @classmethod
    def scope_user_condition(cls, role: str, user, scoped: Q | None) -> Q | None:
        """The records `role` reaches: of a case model that narrows the role to the cases
        naming the user (its `scope_user_fields`, e.g. the lawyer of a legal-aid case) or the
        user's organisation (`scope_role_organization_fields`, e.g. the respondent agency of a
        reconsideration case), those cases' records; of every other case model, what `scoped` (the role's jurisdiction or
        organisation) reaches."""
        from cases.process import registry

        narrowed = []
        condition = None
        for case_model in registry.models():
            field = getattr(case_model, "scope_user_fields", {}).get(role)
            org_field = getattr(case_model, "scope_role_organization_fields", {}).get(role)
            if field:
                cases = case_model._default_manager.filter(**{field: user.pk})
            elif org_field:
                # The cases naming one of the user's organisations in this role (an agency's
                # handlers: the cases against their agency).
                orgs = [m.organization_id for m in user.active_memberships() if m.role == role]
                cases = case_model._default_manager.filter(**{f"{org_field}__in": orgs})
            else:
                continue
            content_type = ContentType.objects.get_for_model(case_model)
            narrowed.append(content_type.pk)
            part = Q(case_type=content_type, case_id__in=cases.values("pk"))
            condition = part if condition is None else condition | part
        if not narrowed:
            return scoped
        if scoped is not None:
            condition |= scoped & ~Q(case_type_id__in=narrowed)
        return condition

    @classmethod
    def for_case(cls, case):
        return cls.objects.filter(
            case_type=ContentType.objects.get_for_model(case), case_id=case.pk
        )

    @classmethod
    def ref(cls, case) -> dict:
        return {
            "case_type": ContentType.objects.get_for_model(case),
            "case_id": case.pk,
            "region_code": case.region_code,
            "organization_id": case.organization_id,
        }


class CaseEvent(CaseRecord):
    """One entry of a case's timeline: a fired transition (or the registration itself)."""

    transition = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from state"), max_length=32, blank=True)
    to_state = models.CharField(_("to state"), max_length=32)
    actor = models.ForeignKey(
        "core.User", verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    on_date = models.DateField(_("effective date"))
    data = models.JSONField(_("recorded data"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("case version"))
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id", "at"], name="event_case_at")]

    def __str__(self) -> str:
        return f"{self.transition} {self.on_date}"


class ClockUnit(models.TextChoices):
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")


class ClockStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    PAUSED = "paused", _("Paused")
    EXPIRED = "expired", _("Window closed")


class Clock(CaseRecord):
    """A statutory period running on a case, as declared by its process (cases.process)."""

    key = models.CharField(_("clock"), max_length=64)
    unit = models.CharField(_("unit"), max_length=16, choices=ClockUnit.choices)
    length = models.PositiveIntegerField(_("length"))
    extended = models.PositiveIntegerField(_("extension"), default=0)
    started_on = models.DateField(_("started on"))
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    nominal_due = models.DateField(_("nominal due date"), null=True, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=ClockState.choices, default=ClockState.RUNNING
    )
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    assignee = models.ForeignKey(
        "core.User",
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "case_id", "key"], name="clock_unique_key")
        ]
        indexes = [models.Index(fields=["state", "due_date"], name="clock_state_due")]

    def __str__(self) -> str:
        return f"{self.key} → {self.due_date}"

    def status(self, today=None, due_soon_days: int | None = None) -> str:
        from cases.clocks import clock_status
        from cases.process import registry

        spec = None
        model = self.case_type.model_class()
        if model is not None:
            try:
                spec = registry.for_model(model).clock(self.key)
            except LookupError:
                spec = None
        window = spec is not None and not spec.sets_case_due
        return clock_status(self, today=today, due_soon_days=due_soon_days, window=window)


class ClockPause(models.Model):
    """A stretch during which a clock does not run (补正, 中止). The pause's first day still
    counts; the days after it up to and including the resumption day do not."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField(_("paused on"))
    end = models.DateField(_("resumed on"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.start} – {self.end or '…'}"


class NumberingRule(models.Model):
    """How an organisation numbers one series of cases, e.g. （{year}）穗海司调字第{seq:04d}号.

    Placeholders: {year}, {seq} (with a format such as {seq:04d}), {abbr} (the organisation's
    short name). Without a rule of its own an organisation uses the process's default pattern.
    """

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    series = models.CharField(_("series"), max_length=32)
    pattern = models.CharField(_("pattern"), max_length=100)

    class Meta:
        verbose_name = _("numbering rule")
        verbose_name_plural = _("numbering rules")
        constraints = [
            models.UniqueConstraint(fields=["organization", "series"], name="numbering_rule_unique")
        ]

    def __str__(self) -> str:
        return self.pattern

    def clean(self) -> None:
        from cases.numbering import validate_pattern

        validate_pattern(self.pattern)


class NumberSequence(models.Model):
    """The last number issued per organisation, series and year; locked while a case is
    created, so numbers are unique and gap-free (a rolled-back creation rolls back its number)."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    series = models.CharField(_("series"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "series", "year"], name="number_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class Notification(models.Model):
    """An in-app message to a user (reminders, assignments); e-mailed when configured."""

    recipient = models.ForeignKey(
        "core.User",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


def _case_file_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"cases/{instance.case_type.app_label}/{now:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(CaseRecord):
    """An uploaded file on a case. Stored outside the web root under a random name; handed out
    only by the download view after a permission check."""

    file = models.FileField(_("file"), upload_to=_case_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        "core.User",
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [
            models.Index(fields=["case_type", "case_id"], name="attachment_case"),
            models.Index(fields=["sha256"], name="attachment_sha256"),
        ]

    def __str__(self) -> str:
        return self.original_name


class GeneratedDocument(CaseRecord):
    """A 文书 generated from a template and the case as it was at that moment."""

    kind = models.CharField(_("document"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    template_version = models.CharField(_("template version"), max_length=64)
    case_version = models.PositiveIntegerField(_("case version"))
    docx = models.FileField(_("DOCX file"), upload_to=_case_file_path, max_length=200)
    docx_sha256 = models.CharField(_("DOCX SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF file"), upload_to=_case_file_path, max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    generated_by = models.ForeignKey(
        "core.User",
        verbose_name=_("generated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["generated_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"], name="document_case")]

    def __str__(self) -> str:
        return self.title


class Representation(CaseRecord):
    """A lawyer acting for a party in a case of any business line (代理 / 辩护). Lines record
    it here so that a check across lines (the legal-aid draw's conflict of interest) reads one
    table and imports no other line."""

    lawyer = models.ForeignKey(
        "core.Lawyer",
        verbose_name=_("lawyer"),
        on_delete=models.PROTECT,
        related_name="representations",
    )
    party = models.ForeignKey(
        "core.Party",
        verbose_name=_("party represented"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    since = models.DateField(_("acting since"))
    until = models.DateField(_("acting until"), null=True, blank=True)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        indexes = [models.Index(fields=["case_type", "case_id"], name="representation_case")]

    def __str__(self) -> str:
        return f"{self.lawyer} → {self.party}"


class CaseLink(CaseRecord):
    """A reference from a case of one line to a case of another (DESIGN: lines meet through a
    reference stored on the case): a litigation case links to the reconsideration decision it
    challenges, so the reconsideration figures ("not litigated") read this table and import no
    other line. The record belongs to the linking case (case_type, case_id); the target is the
    case it names."""

    class Kind(models.TextChoices):
        LITIGATION_OF = "litigation_of", _("Lawsuit against the decision")

    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind of link"), max_length=24, choices=Kind.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("link between cases")
        verbose_name_plural = _("links between cases")
        indexes = [
            models.Index(fields=["target_type", "target_id", "kind"], name="caselink_target"),
            models.Index(fields=["case_type", "case_id"], name="caselink_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "case_id", "target_type", "target_id", "kind"],
                name="caselink_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_type_id}/{self.target_id}"


class ChallengedAct(CaseRecord):
    """An administrative act challenged in a case of any line (a reconsideration application,
    a lawsuit): the agency and the act's document number, normalised, so that a check across
    lines ("is this act already under reconsideration or in court?") reads one table."""

    agency = models.ForeignKey(
        "core.Organization",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    act_number = models.CharField(_("document number of the act"), max_length=100)

    class Meta:
        verbose_name = _("challenged act")
        verbose_name_plural = _("challenged acts")
        indexes = [
            models.Index(fields=["agency", "act_number"], name="challengedact_act"),
            models.Index(fields=["case_type", "case_id"], name="challengedact_case"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.act_number}"

    @classmethod
    def record(cls, case, agency, act_number: str):
        """Record the act `case` challenges (nothing when it has no document number)."""
        number = cls.normalise(act_number)
        if number:
            cls.objects.create(**cls.ref(case), agency=agency, act_number=number)

    @classmethod
    def other_cases(cls, agency, act_number: str, *, exclude=None, user=None) -> list:
        """The cases of any line, other than `exclude`, that challenge the same act of the same
        agency, open ones first (a second application or lawsuit on one act, Reconsideration
        Law Art. 29); with `user`, only those the user may view."""
        number = cls.normalise(act_number)
        if not number or agency is None:
            return []
        rows = cls.objects.filter(agency=agency, act_number=number).select_related("case_type")
        ids_by_model: dict = {}
        for row in rows:
            model = row.case_type.model_class()
            if exclude is not None and row.case_id == exclude.pk and model is type(exclude):
                continue
            ids_by_model.setdefault(model, []).append(row.case_id)
        found = [  # one query per line, however many cases share the act
            case
            for model, ids in ids_by_model.items()
            for case in (
                model._default_manager.restrict(user, "view") if user else model._default_manager
            ).filter(pk__in=ids)
        ]
        return sorted(found, key=lambda c: (c.closed_at is not None, c.received_at, c.pk))

    @staticmethod
    def normalise(number: str) -> str:
        """The document number as compared: no spaces, full-width brackets and digits folded
        (〔2026〕, [2026], (2026) and （2026） are the same number)."""
        import unicodedata

        text = unicodedata.normalize("NFKC", number or "")
        for old, new in (("〔", "["), ("〕", "]"), ("(", "["), (")", "]"), ("【", "["),
                         ("】", "]"), ("［", "["), ("］", "]")):  # fmt: skip
            text = text.replace(old, new)
        return "".join(text.split())
