"""The access truth table (issue 11, item 2): every URL pattern and every API operation, asked
by every member of the test cast, with the answers pinned below.

The world (tests/access_table_data.py) is the cast plus one of each object the routes name, all
in the cast's network, made through the services. Each page is requested with GET and with POST
(an empty form, or PAGE_POST_DATA where a page checks access only once its form is valid: an
empty form shows who gets past the view, not what a service behind a valid form decides); each
API operation with its own method and a body that passes the API's validation, so that the
answer is the access decision. Every request runs in a savepoint that is rolled back, so each
one sees the same world. The tests here ask only HTTP and the services, never the access
modules themselves.

An answer is one of
    ok     anything that is not an access answer: 2xx, 3xx other than to the sign-in page,
           400, 405, 409, 422 (the form or the payload was refused, not the caller)
    login  302 to the sign-in page
    401, 403, 404 as they are, and any other code (500, 410, ...) as it is.

The rule: 404 to one who may not know the object exists, 403 to one who may see it but not do
this.

Left out of the enumeration: admin/ (Django's admin keeps its own permissions), konto/
(allauth's accounts) and static/ (and media/, which nothing serves: uploaded files are
served by the files: views, which are in the table).

When a row changes on purpose, change the row; to see every answer as rows, run
ACCESS_TABLE_PRINT=1 .venv/bin/pytest -s -p no:xdist tests/test_access_table.py -k test_access_table
"""

import contextlib
import datetime
import json
import os
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from samverkan.agreements import matters as agreement_matters
from samverkan.agreements import services as agreement_services
from samverkan.agreements.models import (
    BusinessPlan,
    Chairmanship,
    FocusArea,
    Matter,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.api import services as api_services
from samverkan.api.api import api as api_object
from samverkan.core.errors import ServiceError
from samverkan.meetings import attendance as attendance_services
from samverkan.meetings import feeds
from samverkan.meetings import services as meeting_services
from samverkan.meetings.models import AgendaItem, Attachment, Attendance, Meeting
from samverkan.networks.material import services as material_services
from samverkan.networks.models import Material, Network, Question
from samverkan.people.models import Person
from tests.access_table_data import (
    MEETING_DAY,
    PAGE_POST_DATA,
    ROLES,
    TODAY,
    YEAR,
    World,
    api_body,
    api_path,
    api_query,
    at,
    build_world,
    page_kwargs,
)
from tests.agreements.helpers import SPEC_PARAMETERS
from tests.api.conftest import ApiCaller

SKIPPED = ("admin/", "konto/", "static/", "media/")
API_ROOT = "/api/v1"
OPENAPI = API_ROOT + "/openapi.json"

# ---- the table ---------------------------------------------------------------------------------
# Columns: ano = anonymous, rdr = reader, mem = member, sec = secretary, out = outsider (the
# coordinator of another network), crd = coordinator, sct = secretariat. Lines that start with
# "#" are comments: "#!" marks a row that looks wrong and "#?" one worth a second look (both
# pinned as they are today, so that a fix shows up here as a deliberate change of the row).

PAGE_TABLE = """
# URL pattern                         ano   rdr   mem   sec   out   crd   sct
home                           GET    ok    ok    ok    ok    ok    ok    ok
home                           POST   ok    ok    ok    ok    ok    ok    ok
networks:catalogue             GET    login ok    ok    ok    ok    ok    ok
networks:catalogue             POST   login ok    ok    ok    ok    ok    ok
networks:propose               GET    login ok    ok    ok    ok    ok    ok
networks:propose               POST   login ok    ok    ok    ok    ok    ok
networks:answer_link           GET    ok    ok    ok    ok    ok    ok    ok
networks:answer_link           POST   ok    ok    ok    ok    ok    ok    ok
networks:question_inbox        GET    login 403   403   403   403   403   ok
networks:question_inbox        POST   login 403   403   403   403   403   ok
#! anonymous: 404 here, a sign-in redirect on the catalogue and every other page of the
#! same network: one question, two answers.
networks:detail                GET    404   ok    ok    ok    ok    ok    ok
networks:detail                POST   404   ok    ok    ok    ok    ok    ok
networks:plan_edit             GET    login 403   403   403   403   ok    ok
networks:plan_edit             POST   login 403   403   403   403   ok    ok
# --- Issue 16 part A: comments on a draft year plan, by those who edit the plan ---
networks:plan_comment          GET    login ok    ok    ok    ok    ok    ok
networks:plan_comment          POST   login 403   403   403   403   ok    ok
networks:members               GET    login ok    ok    ok    ok    ok    ok
networks:members               POST   login 403   403   403   403   ok    ok
networks:member_end            GET    login ok    ok    ok    ok    ok    ok
networks:member_end            POST   login 403   403   403   403   ok    ok
networks:progress              GET    login ok    ok    ok    ok    ok    ok
networks:progress              POST   login ok    ok    ok    ok    ok    ok
networks:answer                GET    login ok    ok    ok    ok    ok    ok
networks:answer                POST   login 403   403   403   403   403   ok
networks:invite                GET    login ok    ok    ok    ok    ok    ok
networks:invite                POST   login 403   403   403   403   ok    ok
networks:activate              GET    login ok    ok    ok    ok    ok    ok
networks:activate              POST   login 403   403   403   403   ok    ok
#? readers and outsiders see the pending requests to join or leave, with their reasons
#? (as GET ~/participation-requests). The empty POST is refused by the form, not by access.
networks:participation         GET    login ok    ok    ok    ok    ok    ok
networks:participation         POST   login ok    ok    ok    ok    ok    ok
networks:decide                GET    login ok    ok    ok    ok    ok    ok
networks:decide                POST   login 403   403   403   403   ok    ok
networks:close                 GET    login 403   403   403   403   ok    ok
networks:close                 POST   login 403   403   403   403   ok    ok
networks:export                GET    login 403   ok    ok    403   ok    ok
networks:export                POST   login 403   ok    ok    403   ok    ok
networks:material              GET    login ok    ok    ok    ok    ok    ok
networks:material              POST   login 403   403   ok    403   ok    ok
networks:review                GET    login ok    ok    ok    ok    ok    ok
networks:review                POST   login 403   403   403   403   403   ok
networks:questions             GET    login ok    ok    ok    ok    ok    ok
networks:questions             POST   login ok    ok    ok    ok    ok    ok
# A question is between its asker (the member) and the secretariat: 404 to everyone else.
networks:question              GET    login 404   ok    404   404   404   ok
networks:question              POST   login 404   ok    404   404   404   ok
agreements:agreement           GET    login ok    ok    ok    ok    ok    ok
agreements:agreement           POST   login ok    ok    ok    ok    ok    ok
agreements:agreement_edit      GET    login 403   403   403   403   ok    ok
agreements:agreement_edit      POST   login 403   403   403   403   ok    ok
agreements:agreement_diff      GET    login ok    ok    ok    ok    ok    ok
agreements:agreement_diff      POST   login ok    ok    ok    ok    ok    ok
#! secretary: 403, though the service and POST ~/agreement/reviews let the secretary record
#! the review made at a meeting; the page never asks with the meeting.
agreements:review              GET    login 403   403   403   403   ok    ok
agreements:review              POST   login 403   403   403   403   ok    ok
agreements:overview            GET    login ok    ok    ok    ok    ok    ok
agreements:overview            POST   login ok    ok    ok    ok    ok    ok
agreements:matters             GET    login 403   ok    ok    403   ok    ok
agreements:matters             POST   login 403   403   403   403   ok    ok
agreements:matter              GET    login 403   ok    ok    403   ok    ok
agreements:matter              POST   login 403   403   403   403   ok    ok
agreements:mandates            GET    login 403   ok    ok    403   ok    ok
agreements:mandates            POST   login 403   ok    ok    403   ok    ok
agreements:working_groups      GET    login 403   ok    ok    403   ok    ok
agreements:working_groups      POST   login 403   403   403   403   ok    ok
agreements:working_group       GET    login 403   ok    ok    403   ok    ok
agreements:working_group       POST   login 403   403   403   403   ok    ok
agreements:business_plan       GET    login ok    ok    ok    ok    ok    ok
agreements:business_plan       POST   login 403   403   403   403   ok    ok
agreements:focus_area_remove   GET    login ok    ok    ok    ok    ok    ok
agreements:focus_area_remove   POST   login 403   403   403   403   ok    ok
agreements:chairs              GET    login ok    ok    ok    ok    ok    ok
agreements:chairs              POST   login 403   403   403   403   ok    ok
agreements:chairs_withdraw     GET    login ok    ok    ok    ok    ok    ok
agreements:chairs_withdraw     POST   login 403   403   403   403   ok    ok
agreements:chairs_correct      GET    login 403   403   403   403   ok    ok
agreements:chairs_correct      POST   login 403   403   403   403   ok    ok
agreements:onboarding          GET    login 403   ok    ok    403   ok    ok
agreements:onboarding          POST   login 403   ok    ok    403   ok    ok
agreements:onboarding_done     GET    login ok    ok    ok    ok    ok    ok
agreements:onboarding_done     POST   login 403   403   403   403   ok    ok
meetings:my_feed               GET    login ok    ok    ok    ok    ok    ok
meetings:my_feed               POST   login ok    ok    ok    ok    ok    ok
meetings:feed                  GET    ok    ok    ok    ok    ok    ok    ok
meetings:feed                  POST   ok    ok    ok    ok    ok    ok    ok
meetings:list                  GET    login 403   ok    ok    403   ok    ok
meetings:list                  POST   login 403   ok    ok    403   ok    ok
meetings:plan_year             GET    login 403   403   ok    403   ok    ok
meetings:plan_year             POST   login 403   403   ok    403   ok    ok
meetings:new                   GET    login 403   403   ok    403   ok    ok
meetings:new                   POST   login 403   403   ok    403   ok    ok
meetings:statistics            GET    login 403   ok    ok    403   ok    ok
meetings:statistics            POST   login 403   ok    ok    403   ok    ok
meetings:network_feed          GET    login ok    ok    ok    ok    ok    ok
meetings:network_feed          POST   login 403   ok    ok    403   ok    ok
#? a reader gets 404 for a meeting id that does not exist and 403 for one that does
#? (the meeting is looked up before the refusal); a matter answers 403 either way.
meetings:detail                GET    login 403   ok    ok    403   ok    ok
meetings:detail                POST   login 403   ok    ok    403   ok    ok
meetings:edit                  GET    login 403   403   ok    403   ok    ok
meetings:edit                  POST   login 403   403   ok    403   ok    ok
meetings:cancel                GET    login ok    ok    ok    ok    ok    ok
meetings:cancel                POST   login 403   403   ok    403   ok    ok
meetings:agenda_add            GET    login ok    ok    ok    ok    ok    ok
meetings:agenda_add            POST   login 403   403   ok    403   ok    ok
meetings:agenda_item           GET    login ok    ok    ok    ok    ok    ok
meetings:agenda_item           POST   login 403   403   ok    403   ok    ok
meetings:attachment_add        GET    login ok    ok    ok    ok    ok    ok
meetings:attachment_add        POST   login 403   403   ok    403   ok    ok
meetings:attachment            GET    login 403   ok    ok    403   ok    ok
meetings:attachment            POST   login 403   403   ok    403   ok    ok
meetings:attendance            GET    login 403   403   ok    403   ok    ok
meetings:attendance            POST   login 403   403   ok    403   ok    ok
meetings:own_attendance        GET    login ok    ok    ok    ok    ok    ok
meetings:own_attendance        POST   login 403   ok    ok    403   ok    ok
meetings:minutes               GET    login 403   403   ok    403   ok    ok
meetings:minutes               POST   login 403   403   ok    403   ok    ok
meetings:pdf                   GET    login 403   ok    ok    403   ok    ok
meetings:pdf                   POST   login 403   ok    ok    403   ok    ok
meetings:ics                   GET    login 403   ok    ok    403   ok    ok
meetings:ics                   POST   login 403   ok    ok    403   ok    ok
dashboard:dashboard            GET    login 403   403   403   403   403   ok
dashboard:dashboard            POST   login 403   403   403   403   403   ok
dashboard:lifecycle            GET    login 403   403   403   403   403   ok
dashboard:lifecycle            POST   login 403   403   403   403   403   ok
dashboard:duties               GET    login 403   403   403   403   403   ok
dashboard:duties               POST   login 403   403   403   403   403   ok
costs:summary                  GET    login 403   403   403   403   403   ok
costs:summary                  POST   login 403   403   403   403   403   ok
costs:export                   GET    login 403   403   403   403   403   ok
costs:export                   POST   login 403   403   403   403   403   ok
costs:network                  GET    login 403   ok    ok    403   ok    ok
costs:network                  POST   login 403   403   403   403   ok    ok
costs:detail                   GET    login 403   ok    ok    403   ok    ok
costs:detail                   POST   login 403   ok    ok    403   ok    ok
costs:action                   GET    login ok    ok    ok    ok    ok    ok
costs:action                   POST   login 403   403   403   403   ok    ok
surveys:index                  GET    login ok    ok    ok    ok    ok    ok
surveys:index                  POST   login 403   403   403   403   403   ok
surveys:answer                 GET    ok    ok    ok    ok    ok    ok    ok
surveys:answer                 POST   ok    ok    ok    ok    ok    ok    ok
surveys:directors              GET    login 403   403   403   403   403   ok
surveys:directors              POST   login 403   403   403   403   403   ok
surveys:round                  GET    login 403   403   403   403   403   ok
surveys:round                  POST   login 403   403   403   403   403   ok
surveys:question_remove        GET    login ok    ok    ok    ok    ok    ok
surveys:question_remove        POST   login 403   403   403   403   403   ok
#! reader: 404, though surveys:index and GET /surveys list the closed round to every reader
#! and surveys:round answers 403: by the rule this is 403 (so is GET .../results).
surveys:results                GET    login 404   ok    ok    ok    ok    ok
surveys:results                POST   login 404   ok    ok    ok    ok    ok
surveys:export                 GET    login 404   ok    ok    ok    ok    ok
surveys:export                 POST   login 404   ok    ok    ok    ok    ok
surveys:action                 GET    login ok    ok    ok    ok    ok    ok
surveys:action                 POST   login 403   403   403   403   403   ok
reports:matrix                 GET    login ok    ok    ok    ok    ok    ok
reports:matrix                 POST   login ok    ok    ok    ok    ok    ok
reports:matrix_export          GET    login ok    ok    ok    ok    ok    ok
reports:matrix_export          POST   login ok    ok    ok    ok    ok    ok
reports:yearly_current         GET    login 403   403   403   403   403   ok
reports:yearly_current         POST   login 403   403   403   403   403   ok
reports:yearly                 GET    login 403   403   403   403   403   ok
reports:yearly                 POST   login 403   403   403   403   403   ok
reports:yearly_pdf             GET    login 403   403   403   403   403   ok
reports:yearly_pdf             POST   login 403   403   403   403   403   ok
reports:yearly_send            GET    login 403   403   403   403   403   ok
reports:yearly_send            POST   login 403   403   403   403   403   ok
# Issue 14, part 1: the register import is the secretariat's.
imports:start                  GET    login 403   403   403   403   403   ok
imports:start                  POST   login 403   403   403   403   403   ok
imports:template               GET    login 403   403   403   403   403   ok
imports:template               POST   login 403   403   403   403   403   ok
imports:confirm                GET    login 403   403   403   403   403   ok
imports:confirm                POST   login 403   403   403   403   403   ok
imports:activations            GET    login 403   403   403   403   403   ok
imports:activations            POST   login 403   403   403   403   403   ok
people:my_page                 GET    login ok    ok    ok    ok    ok    ok
people:my_page                 POST   login ok    ok    ok    ok    ok    ok
people:me                      GET    login ok    ok    ok    ok    ok    ok
people:me                      POST   login ok    ok    ok    ok    ok    ok
#! the member's own link; anyone else is told on the page that the link is not theirs (400).
people:verify_email            GET    login ok    ok    ok    ok    ok    ok
people:verify_email            POST   login ok    ok    ok    ok    ok    ok
people:set_language            GET    ok    ok    ok    ok    ok    ok    ok
people:set_language            POST   ok    ok    ok    ok    ok    ok    ok
notifications:inbox            GET    login ok    ok    ok    ok    ok    ok
notifications:inbox            POST   login ok    ok    ok    ok    ok    ok
notifications:read_all         GET    login ok    ok    ok    ok    ok    ok
notifications:read_all         POST   login ok    ok    ok    ok    ok    ok
notifications:delivery         GET    login ok    ok    ok    ok    ok    ok
notifications:delivery         POST   login ok    ok    ok    ok    ok    ok
notifications:detail           GET    login 404   ok    404   404   404   404
notifications:detail           POST   login 404   ok    404   404   404   404
notifications:read             GET    login ok    ok    ok    ok    ok    ok
notifications:read             POST   login 404   ok    404   404   404   404
notifications:failed           GET    login 403   403   403   403   403   ok
notifications:failed           POST   login 403   403   403   403   403   ok
notifications:resend           GET    login ok    ok    ok    ok    ok    ok
notifications:resend           POST   login 403   403   403   403   403   ok
municipalities:list            GET    login ok    ok    ok    ok    ok    ok
municipalities:list            POST   login ok    ok    ok    ok    ok    ok
municipalities:people          GET    login 403   403   403   403   403   ok
municipalities:people          POST   login 403   403   403   403   403   ok
municipalities:detail          GET    login ok    ok    ok    ok    ok    ok
municipalities:detail          POST   login ok    ok    ok    ok    ok    ok
municipalities:contact_add     GET    login ok    ok    ok    ok    ok    ok
municipalities:contact_add     POST   login 403   403   403   403   403   ok
municipalities:contact_remove  GET    login ok    ok    ok    ok    ok    ok
municipalities:contact_remove  POST   login 403   403   403   403   403   ok
# Issue 15 §1: a person's page and their register extract are the secretariat's.
records:person                 GET    login 403   403   403   403   403   ok
records:person                 POST   login 403   403   403   403   403   ok
records:extract_pdf            GET    login 403   403   403   403   403   ok
records:extract_pdf            POST   login 403   403   403   403   403   ok
records:extract_json           GET    login 403   403   403   403   403   ok
records:extract_json           POST   login 403   403   403   403   403   ok
# Issue 15 §2, §3: ending a person and the retention decisions are the secretariat's.
records:end_person             GET    login 403   403   403   403   403   ok
records:end_person             POST   login 403   403   403   403   403   ok
records:retention              GET    login 403   403   403   403   403   ok
records:retention              POST   login 403   403   403   403   403   ok
# Issue 15 §4: a closed network's archive package is the secretariat's (the world's network is
# active, so the secretariat is sent back to it with the refusal: ok).
records:archive_package        GET    login 403   403   403   403   403   ok
records:archive_package        POST   login 403   403   403   403   403   ok
# The icon (issue 18): a redirect to the static file, for anyone.
favicon                        GET    ok    ok    ok    ok    ok    ok    ok
favicon                        POST   ok    ok    ok    ok    ok    ok    ok
# Uploaded files (issue 13): material as its page, a meeting's attachment to its readers only
# (404 to the others: they never see it listed), the logo to anyone; POST answers 405.
files:material                 GET    login ok    ok    ok    ok    ok    ok
files:material                 POST   login ok    ok    ok    ok    ok    ok
files:attachment               GET    login 404   ok    ok    404   ok    ok
files:attachment               POST   login ok    ok    ok    ok    ok    ok
files:logo                     GET    ok    ok    ok    ok    ok    ok    ok
files:logo                     POST   ok    ok    ok    ok    ok    ok    ok
#? the API's description and its docs page are open to anyone, signed in or not.
api:openapi-json               GET    ok    ok    ok    ok    ok    ok    ok
api:openapi-json               POST   ok    ok    ok    ok    ok    ok    ok
api:openapi-view               GET    ok    ok    ok    ok    ok    ok    ok
api:openapi-view               POST   ok    ok    ok    ok    ok    ok    ok
api:api-root                   GET    ok    ok    ok    ok    ok    ok    ok
api:api-root                   POST   ok    ok    ok    ok    ok    ok    ok
api-unknown                    GET    404   404   404   404   404   404   404
api-unknown                    POST   404   404   404   404   404   404   404
# --- Issue 16 part C: the accessibility statement is public; its texts are the secretariat's.
accessibility:statement        GET    ok    ok    ok    ok    ok    ok    ok
accessibility:statement        POST   ok    ok    ok    ok    ok    ok    ok
accessibility:edit             GET    login 403   403   403   403   403   ok
accessibility:edit             POST   login 403   403   403   403   403   ok
# --- Issue 16 part D: the intranet's catalogue (an unpublished catalogue: the embed page says
# so in its frame, the feed asks for sign-in), its snippet for the secretariat, "Om samverkan".
site:embed                     GET    ok    ok    ok    ok    ok    ok    ok
site:embed                     POST   ok    ok    ok    ok    ok    ok    ok
site:embed_snippet             GET    login 403   403   403   403   403   ok
site:embed_snippet             POST   login 403   403   403   403   403   ok
site:catalogue_feed            GET    login ok    ok    ok    ok    ok    ok
site:catalogue_feed            POST   login ok    ok    ok    ok    ok    ok
site:about                     GET    ok    ok    ok    ok    ok    ok    ok
site:about                     POST   ok    ok    ok    ok    ok    ok    ok
"""

# ~ stands for /networks/{slug}; paths are the OpenAPI document's, less the root /api/v1.
API_TABLE = """
# method path                                                     ano rdr mem sec out crd sct
GET      /networks                                                401 ok  ok  ok  ok  ok  ok
GET      /networks/{slug}                                         401 ok  ok  ok  ok  ok  ok
GET      /municipalities                                          401 ok  ok  ok  ok  ok  ok
GET      /compliance                                              401 403 403 403 403 403 ok
GET      /compliance/{slug}                                       401 403 403 403 403 ok  ok
GET      ~/agreement                                              401 ok  ok  ok  ok  ok  ok
POST     ~/agreement/versions                                     401 403 403 403 403 ok  ok
GET      ~/agreement/diff                                         401 ok  ok  ok  ok  ok  ok
# (without a meeting_id; with one the secretary is let in too, see WRITES)
POST     ~/agreement/reviews                                      401 403 403 403 403 ok  ok
GET      ~/matters                                                401 403 ok  ok  403 ok  ok
POST     ~/matters                                                401 403 403 403 403 ok  ok
POST     ~/matters/{pk}/status                                    401 403 403 403 403 ok  ok
POST     ~/matters/{pk}/mandates                                  401 403 403 403 403 ok  ok
GET      /people/{pk}/mandates                                    401 ok  ok  ok  ok  ok  ok
GET      ~/working-groups                                         401 403 ok  ok  403 ok  ok
POST     ~/working-groups                                         401 403 403 403 403 ok  ok
POST     ~/working-groups/{pk}/contact                            401 403 403 403 403 ok  ok
POST     ~/working-groups/{pk}/end                                401 403 403 403 403 ok  ok
GET      ~/business-plans/{year}                                  401 ok  ok  ok  ok  ok  ok
PUT      ~/business-plans/{year}                                  401 403 403 403 403 ok  ok
POST     ~/business-plans/{year}/focus-areas                      401 403 403 403 403 ok  ok
DELETE   ~/business-plans/{year}/focus-areas/{pk}                 401 403 403 403 403 ok  ok
POST     ~/business-plans/{year}/adopt                            401 403 403 403 403 ok  ok
GET      ~/chairs                                                 401 ok  ok  ok  ok  ok  ok
POST     ~/chairs                                                 401 403 403 403 403 ok  ok
GET      ~/chairs/proposal                                        401 ok  ok  ok  ok  ok  ok
DELETE   ~/chairs/{pk}                                            401 403 403 403 403 ok  ok
GET      ~/onboarding                                             401 403 ok  ok  403 ok  ok
POST     ~/onboarding/{pk}/done                                   401 403 403 403 403 ok  ok
GET      ~/meetings                                               401 403 ok  ok  403 ok  ok
POST     ~/meetings                                               401 403 403 ok  403 ok  ok
GET      ~/meetings/{meeting_id}                                  401 403 ok  ok  403 ok  ok
PATCH    ~/meetings/{meeting_id}                                  401 403 403 ok  403 ok  ok
GET      ~/meetings/{meeting_id}/ics                              401 403 ok  ok  403 ok  ok
GET      ~/attendance                                             401 403 ok  ok  403 ok  ok
POST     ~/meetings/proposal                                      401 403 403 ok  403 ok  ok
POST     ~/meetings/plan                                          401 403 403 ok  403 ok  ok
POST     ~/meetings/{meeting_id}/cancel                           401 403 403 ok  403 ok  ok
POST     ~/meetings/{meeting_id}/agenda                           401 403 403 ok  403 ok  ok
POST     ~/meetings/{meeting_id}/agenda/{item_id}/move            401 403 403 ok  403 ok  ok
DELETE   ~/meetings/{meeting_id}/agenda/{item_id}                 401 403 403 ok  403 ok  ok
POST     ~/meetings/{meeting_id}/attachments                      401 403 403 ok  403 ok  ok
DELETE   ~/meetings/{meeting_id}/attachments/{attachment_id}      401 403 403 ok  403 ok  ok
PUT      ~/meetings/{meeting_id}/minutes                          401 403 403 ok  403 ok  ok
POST     ~/meetings/{meeting_id}/minutes/approve                  401 403 403 ok  403 ok  ok
PUT      ~/meetings/{meeting_id}/attendance/{person_id}           401 403 ok  ok  403 ok  ok
DELETE   ~/meetings/{meeting_id}/attendance/{person_id}           401 403 ok  ok  403 ok  ok
POST     ~/calendar-feed                                          401 403 ok  ok  403 ok  ok
POST     /me/calendar-feed                                        401 ok  ok  ok  ok  ok  ok
POST     /proposals                                               401 ok  ok  ok  ok  ok  ok
GET      ~/start                                                  401 ok  ok  ok  ok  ok  ok
POST     ~/invitations                                            401 403 403 403 403 ok  ok
# Bjuv's management contacts and the secretariat answer for Bjuv.
POST     ~/invitations/{municipality}/answer                      401 403 403 403 403 403 ok
POST     ~/activate                                               401 403 403 403 403 ok  ok
#? as networks:participation
GET      ~/participation-requests                                 401 ok  ok  ok  ok  ok  ok
# The body asks for Bjuv, the reader's municipality: who acts for Bjuv may ask.
POST     ~/participation-requests                                 401 ok  403 403 403 403 ok
POST     ~/participation-requests/{request_id}/decision           401 403 403 403 403 ok  ok
POST     ~/close                                                  401 403 403 403 403 ok  ok
GET      ~/export                                                 401 403 ok  ok  403 ok  ok
GET      ~/material                                               401 ok  ok  ok  ok  ok  ok
POST     ~/material                                               401 403 403 ok  403 ok  ok
POST     ~/material/{material_id}/review                          401 403 403 403 403 403 ok
GET      ~/questions                                              401 ok  ok  ok  ok  ok  ok
POST     ~/questions                                              401 ok  ok  ok  ok  ok  ok
POST     ~/questions/{question_id}/messages                       401 404 ok  404 404 404 ok
GET      /municipalities/{slug}                                   401 ok  ok  ok  ok  ok  ok
POST     /municipalities/{slug}/management-contacts               401 403 403 403 403 403 ok
DELETE   /municipalities/{slug}/management-contacts/{contact_id}  401 403 403 403 403 403 ok
GET      /notifications                                           401 ok  ok  ok  ok  ok  ok
POST     /notifications/{notification_id}/read                    401 404 ok  404 404 404 404
POST     /notifications/read-all                                  401 ok  ok  ok  ok  ok  ok
GET      ~/costs                                                  401 403 ok  ok  403 ok  ok
POST     ~/costs                                                  401 403 403 403 403 ok  ok
GET      ~/costs/allocation                                       401 403 ok  ok  403 ok  ok
GET      /costs/{cost_id}                                         401 403 ok  ok  403 ok  ok
POST     /costs/{cost_id}/invoice                                 401 403 403 403 403 ok  ok
POST     /costs/{cost_id}/credit                                  401 403 403 403 403 ok  ok
POST     /costs/{cost_id}/correct                                 401 403 403 403 403 ok  ok
POST     /costs/{cost_id}/reallocate                              401 403 403 403 403 ok  ok
GET      /costs/summary/municipalities                            401 403 403 403 403 403 ok
GET      /costs/summary/networks                                  401 403 403 403 403 403 ok
GET      /surveys                                                 401 ok  ok  ok  ok  ok  ok
POST     /surveys                                                 401 403 403 403 403 403 ok
GET      /surveys/{round_id}                                      401 403 403 403 403 403 ok
PUT      /surveys/{round_id}/questions/{key}                      401 403 403 403 403 403 ok
DELETE   /surveys/{round_id}/questions/{key}                      401 403 403 403 403 403 ok
POST     /surveys/{round_id}/open                                 401 403 403 403 403 403 ok
POST     /surveys/{round_id}/close                                401 403 403 403 403 403 ok
POST     /surveys/{round_id}/send-results                         401 403 403 403 403 403 ok
POST     /surveys/answer/{token}                                  ok  ok  ok  ok  ok  ok  ok
#! reader: 404, see surveys:results
GET      /surveys/{round_id}/results                              401 404 ok  ok  ok  ok  ok
GET      /participation-matrix                                    401 ok  ok  ok  ok  ok  ok
"""


def _rows(table: str) -> list[list[str]]:
    return [line.split() for line in table.splitlines() if line.strip() and line[0] != "#"]


COLUMNS = ["ano", "rdr", "mem", "sec", "out", "crd", "sct"]  # ROLES, in short

# URL pattern name → method → answers, in the order of ROLES
PAGES: dict[str, dict[str, list[str]]] = {}
for _name, _method, *_answers in _rows(PAGE_TABLE):
    PAGES.setdefault(_name, {})[_method] = _answers

# "METHOD /path" → answers
API: dict[str, list[str]] = {
    f"{_method} {_path.replace('~', '/networks/{slug}', 1)}": _answers
    for _method, _path, *_answers in _rows(API_TABLE)
}


# ---- enumeration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced, e.g. "meetings:detail"
    route: str  # e.g. "natverk/<slug:slug>/moten/<int:pk>/"


def url_patterns(urlconf: Any = None) -> list[Pattern]:
    """Every URL pattern of the project (through every include), less SKIPPED."""
    found: list[Pattern] = []

    def walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED):
                continue
            if isinstance(entry, URLResolver):
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                walk(entry, route, inner)
            elif isinstance(entry, URLPattern):
                name = ":".join((*namespaces, entry.name)) if entry.name else route
                found.append(Pattern(name, route))

    walk(get_resolver(urlconf), "", ())
    return found


def openapi_form(route: str) -> str:
    """api/v1/networks/<int:pk> → /api/v1/networks/{pk}, as the OpenAPI document has it"""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every method of every path of the OpenAPI document, by "METHOD /path" (the path without
    the API's root /api/v1)."""
    return {
        f"{method.upper()} {path.removeprefix(API_ROOT)}": operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def split_patterns(document: dict[str, Any], urlconf: Any = None) -> tuple[list[Pattern], set[str]]:
    """(the patterns that are pages, the OpenAPI paths served by a URL pattern): an API
    operation's pattern is covered by the API table, everything else by PAGES."""
    paths = set(document["paths"])
    pages, served = [], set()
    for pattern in url_patterns(urlconf):
        if openapi_form(pattern.route) in paths:
            served.add(openapi_form(pattern.route))
        else:
            pages.append(pattern)
    return pages, served


_DOCUMENT: dict[str, Any] = {}


@pytest.fixture
def openapi(db) -> dict[str, Any]:
    """The API's OpenAPI document, as /api/v1/openapi.json serves it (read once)."""
    if not _DOCUMENT:
        response = Client().get(OPENAPI)
        assert response.status_code == 200, response.content[:300]
        _DOCUMENT.update(json.loads(response.content))
    return _DOCUMENT


def coverage_problems(document: dict[str, Any], urlconf: Any = None) -> list[str]:
    """What keeps the table's rows from being exactly the project's routes."""
    pages, served = split_patterns(document, urlconf)
    names = [p.name for p in pages]
    ops = operations(document)
    twice = sorted({n for n in names if names.count(n) > 1})
    problems = [f"two page patterns are named {n!r}" for n in twice]
    problems += [f"no row in PAGES for the URL pattern {n!r}" for n in sorted({*names} - {*PAGES})]
    problems += [f"a row in PAGES for {n!r}, no URL pattern" for n in sorted({*PAGES} - {*names})]
    problems += [f"no row in API for the operation {k!r}" for k in sorted({*ops} - {*API})]
    problems += [f"a row in API for {k!r}, no operation" for k in sorted({*API} - {*ops})]
    unserved = sorted(set(document["paths"]) - served)
    problems += [f"the OpenAPI path {p!r} has no URL pattern" for p in unserved]
    for name, methods in PAGES.items():
        if sorted(methods) != ["GET", "POST"]:
            problems.append(f"the page {name!r} has rows for {sorted(methods)}, not GET and POST")
    rows = [*((f"{m} {n}", a) for n, ms in PAGES.items() for m, a in ms.items()), *API.items()]
    problems += [f"the row {k!r} has {len(a)} answers" for k, a in rows if len(a) != len(ROLES)]
    return problems


def test_the_table_has_a_row_for_every_route_and_no_other(openapi):
    """A new URL pattern or API operation fails here until it has a row in the table."""
    problems = coverage_problems(openapi)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_a_route_without_a_row_is_caught(openapi):
    """The check above sees a page and an API operation that the table does not know."""
    import samverkan.urls

    extra = types.ModuleType("urls_with_one_more_page")
    extra.urlpatterns = [  # type: ignore[attr-defined]
        *samverkan.urls.urlpatterns,
        path("ny-sida/", lambda request: HttpResponse("ny"), name="brand_new"),
    ]
    document = {**openapi, "paths": {**openapi["paths"], API_ROOT + "/brand-new": {"get": {}}}}
    assert coverage_problems(document, extra) == [
        "no row in PAGES for the URL pattern 'brand_new'",
        "no row in API for the operation 'GET /brand-new'",
        "the OpenAPI path '/api/v1/brand-new' has no URL pattern",
    ]


# ---- asking ------------------------------------------------------------------------------------


def answer_of(response: HttpResponseBase) -> str:
    code = response.status_code
    if code in (401, 403, 404):
        return str(code)
    if code == 302 and response["Location"].split("?")[0] == resolve_url(settings.LOGIN_URL):
        return "login"
    if 200 <= code < 400 or code in (400, 405, 409, 422):
        return "ok"
    return str(code)


def rolled_back(send: Callable[[], Any]) -> Any:
    """The response to one request whose writes are undone afterwards."""
    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    if response.streaming:
        # The test client closes other responses itself. Close a streamed file as it does,
        # without request_finished's close_old_connections: on PostgreSQL that would close
        # the test's own connection (autocommit is off inside the test transaction).
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return response


class Caller(ApiCaller):
    """tests/api's caller, with every method and a body."""

    def send(
        self, method: str, path: str, content_type: str | None, body: Any, query: dict[str, Any]
    ) -> Any:
        headers = self.headers()
        if content_type == "multipart/form-data":
            return self.client.post(path, body, headers=headers, query_params=query)
        data = json.dumps(body) if content_type else ""
        return self.client.generic(
            method,
            path,
            data,
            content_type=content_type or "application/octet-stream",
            headers=headers,
            query_params=query,
        )


def clients(world: World, role: str) -> tuple[Client, Caller]:
    """A browser signed in as the role, and an API caller with the role's token."""
    browser = Client(raise_request_exception=False)
    token = None
    if role != "anonymous":
        browser.force_login(world.user(role))
        _row, token = api_services.issue_token(None, world.cast.people[role], name="Table")
    api = Caller(token)
    api.client.raise_request_exception = False
    return browser, api


def ask_page(browser: Client, name: str, url: str, method: str) -> str:
    if method == "GET":
        return answer_of(rolled_back(lambda: browser.get(url)))
    data = PAGE_POST_DATA.get(name, {})
    return answer_of(rolled_back(lambda: browser.post(url, data)))


def ask_api(world: World, api: Caller, key: str, document: dict[str, Any], body: Any = None) -> str:
    """The answer to one API operation; `body` replaces the one tests/access_table_data gives."""
    method, path = key.split(" ", 1)
    operation = operations(document)[key]
    components = document.get("components", {}).get("schemas", {})
    content_type, default = api_body(world, key, operation, components)
    query = api_query(operation, components)
    url = api_path(world, path)
    payload = default if body is None else body
    return answer_of(rolled_back(lambda: api.send(method, url, content_type, payload, query)))


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


@pytest.fixture
def one_openapi_build(monkeypatch):
    """/api/v1/openapi.json builds the whole document on every request (most of a second);
    who may read it is decided around that build (ninja's docs_decorator), so the table's
    fourteen requests share one build."""
    build = api_object.get_openapi_schema
    built: dict[str, Any] = {}

    def once(**kwargs: Any) -> Any:
        key = repr(sorted(kwargs.items()))
        if key not in built:
            built[key] = build(**kwargs)
        return built[key]

    monkeypatch.setattr(api_object, "get_openapi_schema", once)


@pytest.fixture
def no_typesetting(monkeypatch):
    """The PDF pages are typeset by WeasyPrint (seconds, for the fonts); who may have them is
    decided before that, and the PDFs themselves are tested with their apps."""
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *a, **k: b"%PDF-1.4 table")


def _report(wrong: list[tuple[str, str, str, str]]) -> str:
    lines = [f"{len(wrong)} answers differ from the table (route, role, expected, got):"]
    width = max(len(route) for route, *_rest in wrong)
    lines += [f"  {route:<{width}}  {role:<11}  {exp:<5}  {got}" for route, role, exp, got in wrong]
    return "\n".join(lines)


def render(pages: dict[tuple[str, str], list[str]], api: dict[str, list[str]]) -> str:
    """The observed answers in the form of PAGE_TABLE and API_TABLE, to paste."""
    width = max(len(name) for name, _method in pages)
    lines = [f"{'# URL pattern':<{width}}         " + "".join(f"{c:<6}" for c in COLUMNS)]
    for (name, method), answers in pages.items():
        lines.append(f"{name:<{width}}  {method:<5}  " + " ".join(f"{a:<5}" for a in answers))
    paths = {key: key.split(" ", 1)[1].replace("/networks/{slug}/", "~/", 1) for key in api}
    width = max(len(path) for path in paths.values())
    lines += ["", f"{'# method':<8} {'path':<{width}}  " + " ".join(COLUMNS)]
    for key, answers in api.items():
        method = key.split(" ", 1)[0]
        lines.append(f"{method:<8} {paths[key]:<{width}}  " + " ".join(f"{a:<3}" for a in answers))
    return "\n".join(line.rstrip() for line in lines)


def test_access_table(world, openapi, one_openapi_build, no_typesetting):
    """Every route as every role, against the table; one world, each request rolled back.
    With ACCESS_TABLE_PRINT set it asks every route of the project, in the table or not, and
    prints the answers as rows of the table."""
    printing = bool(os.environ.get("ACCESS_TABLE_PRINT"))
    names = [p.name for p in split_patterns(openapi)[0]] if printing else list(PAGES)
    keys = list(operations(openapi)) if printing else list(API)
    kwargs = page_kwargs(world)
    pages: dict[tuple[str, str], list[str]] = {}
    api_answers: dict[str, list[str]] = {}
    for role in ROLES:
        browser, api = clients(world, role)
        for name in names:
            url = reverse(name, kwargs=kwargs.get(name))
            for method in ("GET", "POST"):
                got = ask_page(browser, name, url, method)
                pages.setdefault((name, method), []).append(got)
        for key in keys:
            api_answers.setdefault(key, []).append(ask_api(world, api, key, openapi))
    if printing:
        print(render(pages, api_answers))
    wrong = [
        (f"{method} {name}", role, expected, got)
        for (name, method), answers in pages.items()
        if name in PAGES
        for role, expected, got in zip(ROLES, PAGES[name][method], answers, strict=True)
        if expected != got
    ]
    wrong += [
        (f"API {key}", role, expected, got)
        for key, answers in api_answers.items()
        if key in API
        for role, expected, got in zip(ROLES, API[key], answers, strict=True)
        if expected != got
    ]
    if wrong:
        pytest.fail(_report(sorted(wrong, key=lambda w: (w[0], ROLES.index(w[1])))), pytrace=False)


# ---- the API asks what the service asks --------------------------------------------------------
# For the write operations on agreements (matters, mandates, working groups, plans, chairs,
# onboarding), meetings and material, the API must refuse (401/403/404) exactly when the
# service, called directly as the same person, refuses (PermissionDenied or Http404). A
# ServiceError is not a refusal of the person: the service let them in and the rule said no.


def _net(w: World) -> Network:
    return Network.objects.get(slug=w.network_slug)


def _muni(w: World, *names: str) -> list[Any]:
    return [w.cast.muni(n) for n in names]


def _meeting(w: World) -> Meeting:
    return Meeting.objects.select_related("network").get(pk=w.meeting)


def _upload(name: str = "ny.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 access table")


LATER = TODAY + datetime.timedelta(days=30)


@dataclass(frozen=True)
class Write:
    key: str  # the API operation, as in API
    service: Callable[[Any, World], object]  # the same act through the service
    body: Callable[[World], Any] | None = None  # the API's body; default: tests/access_table_data


WRITES = [
    # agreements
    Write(
        "POST /networks/{slug}/agreement/versions",
        lambda u, w: agreement_services.adopt_agreement_version(
            u, _net(w), text="Version 3", parameters=SPEC_PARAMETERS, adopted_on=TODAY
        ),
        lambda w: {"text": "Version 3", "parameters": SPEC_PARAMETERS, "adopted_on": str(TODAY)},
    ),
    Write(
        "POST /networks/{slug}/agreement/reviews",
        lambda u, w: agreement_services.record_review(
            u,
            _net(w),
            year=MEETING_DAY.year,
            outcome="evaluated",
            held_on=MEETING_DAY,
            meeting_id=w.meeting,
        ),
        lambda w: {
            "year": MEETING_DAY.year,
            "outcome": "evaluated",
            "held_on": str(MEETING_DAY),
            "meeting_id": w.meeting,
        },
    ),
    Write(
        "POST /networks/{slug}/matters",
        lambda u, w: agreement_matters.record_matter(
            u, _net(w), title="Ny fråga", concerned=_muni(w, "Bjuv", "Klippan")
        ),
    ),
    Write(
        "POST /networks/{slug}/matters/{pk}/status",
        lambda u, w: agreement_matters.advance_matter(
            u, Matter.objects.get(pk=w.matter), status="in_preparation"
        ),
    ),
    Write(
        "POST /networks/{slug}/matters/{pk}/mandates",
        lambda u, w: agreement_matters.mandate(
            u,
            _net(w),
            matter=Matter.objects.get(pk=w.matter),
            people=[Person.objects.get(pk=w.person)],
            arena="Regionen",
            start_on=TODAY,
        ),
    ),
    Write(
        "POST /networks/{slug}/working-groups",
        lambda u, w: agreement_matters.start_working_group(
            u, _net(w), name="Ny grupp", contact=Person.objects.get(pk=w.person)
        ),
    ),
    Write(
        "POST /networks/{slug}/working-groups/{pk}/contact",
        lambda u, w: agreement_matters.change_working_group_contact(
            u, WorkingGroup.objects.get(pk=w.working_group), contact=Person.objects.get(pk=w.person)
        ),
    ),
    Write(
        "POST /networks/{slug}/working-groups/{pk}/end",
        lambda u, w: agreement_matters.end_working_group(
            u, WorkingGroup.objects.get(pk=w.working_group)
        ),
    ),
    Write(
        "PUT /networks/{slug}/business-plans/{year}",
        lambda u, w: agreement_services.save_business_plan(
            u, _net(w), year=w.plan_year, summary="Text"
        ),
        lambda w: {"summary": "Text"},
    ),
    Write(
        "POST /networks/{slug}/business-plans/{year}/focus-areas",
        lambda u, w: agreement_services.save_focus_area(
            u,
            BusinessPlan.objects.get(network__slug=w.network_slug, year=w.plan_year),
            name="Nytt område",
            municipalities=_muni(w, "Bjuv", "Klippan"),
        ),
        lambda w: {"name": "Nytt område", "municipalities": ["1260", "1276"]},
    ),
    Write(
        "DELETE /networks/{slug}/business-plans/{year}/focus-areas/{pk}",
        lambda u, w: agreement_services.remove_focus_area(
            u, FocusArea.objects.get(pk=w.focus_area)
        ),
    ),
    Write(
        "POST /networks/{slug}/business-plans/{year}/adopt",
        lambda u, w: agreement_services.adopt_business_plan(
            u, BusinessPlan.objects.get(network__slug=w.network_slug, year=w.plan_year)
        ),
    ),
    Write(
        "POST /networks/{slug}/chairs",
        lambda u, w: agreement_services.appoint_chairs(
            u, _net(w), year=YEAR + 2, municipalities=_muni(w, "Bjuv", "Klippan")
        ),
    ),
    Write(
        "DELETE /networks/{slug}/chairs/{pk}",
        lambda u, w: agreement_services.withdraw_chairs(
            u, Chairmanship.objects.get(pk=w.chairmanship)
        ),
    ),
    Write(
        "POST /networks/{slug}/onboarding/{pk}/done",
        lambda u, w: agreement_matters.complete_onboarding_task(
            u, OnboardingTask.objects.select_related("network").get(pk=w.onboarding_task)
        ),
    ),
    # meetings
    Write(
        "POST /networks/{slug}/meetings",
        lambda u, w: meeting_services.schedule_meeting(
            u, _net(w), starts_at=at(LATER, 9), ends_at=at(LATER, 12)
        ),
    ),
    Write(
        "PATCH /networks/{slug}/meetings/{meeting_id}",
        lambda u, w: meeting_services.move_meeting(
            u, _meeting(w), starts_at=at(MEETING_DAY, 10), ends_at=at(MEETING_DAY, 13)
        ),
    ),
    Write(
        "POST /networks/{slug}/meetings/{meeting_id}/cancel",
        lambda u, w: meeting_services.cancel_meeting(u, _meeting(w)),
        lambda w: {},
    ),
    Write(
        "POST /networks/{slug}/meetings/{meeting_id}/agenda",
        lambda u, w: meeting_services.add_agenda_item(u, _meeting(w), title="Text"),
        lambda w: {"title": "Text"},
    ),
    Write(
        "POST /networks/{slug}/meetings/{meeting_id}/agenda/{item_id}/move",
        lambda u, w: meeting_services.move_agenda_item(
            u, AgendaItem.objects.get(pk=w.agenda_item), up=False
        ),
        lambda w: {"up": False},
    ),
    Write(
        "DELETE /networks/{slug}/meetings/{meeting_id}/agenda/{item_id}",
        lambda u, w: meeting_services.remove_agenda_item(
            u, AgendaItem.objects.get(pk=w.agenda_item)
        ),
    ),
    Write(
        "POST /networks/{slug}/meetings/{meeting_id}/attachments",
        lambda u, w: meeting_services.add_attachment(u, _meeting(w), title="Ny", file=_upload()),
        lambda w: {"title": "Ny", "file": _upload()},
    ),
    Write(
        "DELETE /networks/{slug}/meetings/{meeting_id}/attachments/{attachment_id}",
        lambda u, w: meeting_services.remove_attachment(
            u, Attachment.objects.select_related("meeting__network").get(pk=w.attachment)
        ),
    ),
    Write(
        "PUT /networks/{slug}/meetings/{meeting_id}/minutes",
        lambda u, w: meeting_services.save_minutes(u, _meeting(w), text="Protokoll, ändrat"),
        lambda w: {"text": "Protokoll, ändrat"},
    ),
    Write(
        "POST /networks/{slug}/meetings/{meeting_id}/minutes/approve",
        lambda u, w: meeting_services.approve_minutes(u, _meeting(w)),
    ),
    Write(
        "PUT /networks/{slug}/meetings/{meeting_id}/attendance/{person_id}",
        lambda u, w: attendance_services.record_attendance(
            u, _meeting(w), person=Person.objects.get(pk=w.person), status="present"
        ),
    ),
    Write(
        "DELETE /networks/{slug}/meetings/{meeting_id}/attendance/{person_id}",
        lambda u, w: attendance_services.remove_attendance(
            u,
            Attendance.objects.select_related("meeting__network").get(
                meeting_id=w.meeting, person_id=w.person
            ),
        ),
    ),
    Write(
        "POST /networks/{slug}/meetings/plan",
        lambda u, w: meeting_services.plan_year(u, _net(w), year=YEAR + 1, meetings=[]),
    ),
    Write(
        "POST /networks/{slug}/calendar-feed",
        lambda u, w: feeds.create_feed(u, network=_net(w)),
        lambda w: {"action": "create"},
    ),
    # material and questions to the secretariat
    Write(
        "POST /networks/{slug}/material",
        lambda u, w: material_services.add_material(u, _net(w), title="Ny", file=_upload()),
        lambda w: {"title": "Ny", "file": _upload()},
    ),
    Write(
        "POST /networks/{slug}/material/{material_id}/review",
        lambda u, w: material_services.mark_material_reviewed(
            u, Material.objects.get(pk=w.material)
        ),
    ),
    Write(
        "POST /networks/{slug}/questions",
        lambda u, w: material_services.ask_question(
            u, _net(w), topic="other", subject="Rubrik", text="Text"
        ),
        lambda w: {"topic": "other", "subject": "Rubrik", "text": "Text"},
    ),
    Write(
        "POST /networks/{slug}/questions/{question_id}/messages",
        lambda u, w: material_services.reply_to_question(
            u, Question.objects.select_related("network").get(pk=w.question), text="Svar"
        ),
        lambda w: {"text": "Svar"},
    ),
]


def service_refuses(act: Callable[[], object]) -> str | None:
    """How the service refuses the person (PermissionDenied or Http404), or None when it lets
    them in, whatever it then decides; its writes are undone either way."""
    try:
        with transaction.atomic():
            with contextlib.suppress(ServiceError):
                act()
            transaction.set_rollback(True)
    except PermissionDenied:
        return "PermissionDenied"
    except Http404:
        return "Http404"
    return None


def test_every_write_case_names_an_operation(openapi):
    ops = operations(openapi)
    assert [w.key for w in WRITES if w.key not in ops] == []


def test_the_api_refuses_exactly_when_the_service_does(world, openapi):
    """Each write of WRITES as each role, once through the service and once through the API."""
    disagree = []
    for role in ROLES:
        _browser, api = clients(world, role)
        user = world.user(role)
        for case in WRITES:
            refusal = service_refuses(lambda case=case, user=user: case.service(user, world))
            body = case.body(world) if case.body is not None else None
            got = ask_api(world, api, case.key, openapi, body)
            if (refusal is not None) != (got in ("401", "403", "404")):
                service = refusal or "lets them in"
                disagree.append(f"  {case.key:<70}  {role:<11}  service: {service:<16}  API: {got}")
    if disagree:
        pytest.fail(
            f"{len(disagree)} API answers disagree with the service "
            "(operation, role, service, API):\n" + "\n".join(disagree),
            pytrace=False,
        )
