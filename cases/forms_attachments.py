from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.attachments import accept_attribute, accepted_types_label


class AttachmentForm(forms.Form):
    """Upload one attachment. The `accept` hint only filters the browser's file dialog; the
    content is checked on the server (cases.attachments)."""

    file = forms.FileField(label=gettext_lazy("file"))
    description = forms.CharField(label=gettext_lazy("description"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.widget.attrs["accept"] = accept_attribute()
        field.help_text = _("Accepted: %(types)s; at most %(limit)s MB.") % {
            "types": accepted_types_label(),
            "limit": settings.FAZHI_ATTACHMENT_MAX_MB,
        }
