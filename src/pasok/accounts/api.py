from ninja import Router, Schema

router = Router(tags=["accounts"])


class OrganisationRef(Schema):
    id: int
    name: str
    kind: str


class MeOut(Schema):
    email: str
    full_name: str
    org_role: str
    platform_role: str
    organisation: OrganisationRef | None


@router.get("/me", response=MeOut, summary="Who the caller is")
def me(request):
    return request.auth
