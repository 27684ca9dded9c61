import { App as AntApp, ConfigProvider } from "antd";
import type { ThemeConfig } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { AuthProvider } from "./auth/AuthContext.js";
import { RequireAuth } from "./components/RequireAuth.js";
import { LangProvider, useLang } from "./i18n/index.js";
import { PageSpin } from "./components/PageSpin.js";

const AppLayout = lazy(() => import("./components/AppLayout.js"));
const LoginPage = lazy(() => import("./pages/login/LoginPage.js"));
const HomePage = lazy(() => import("./pages/home/HomePage.js"));
const UnitsPage = lazy(() => import("./pages/units/UnitsPage.js"));
const UsersPage = lazy(() => import("./pages/users/UsersPage.js"));
const AuditPage = lazy(() => import("./pages/audit/AuditPage.js"));
const BurdenListPage = lazy(() => import("./pages/burdens/BurdenListPage.js"));
const BurdenFormPage = lazy(() => import("./pages/burdens/BurdenFormPage.js"));
const BurdenDetailPage = lazy(() => import("./pages/burdens/BurdenDetailPage.js"));
const ReviewPage = lazy(() => import("./pages/review/ReviewPage.js"));
const InboxPage = lazy(() => import("./pages/inbox/InboxPage.js"));
const DutiesPage = lazy(() => import("./pages/duties/DutiesPage.js"));
const CalendarPage = lazy(() => import("./pages/calendar/CalendarPage.js"));
const GateSettingsPage = lazy(() => import("./pages/gate/GateSettingsPage.js"));
const InspectionMergePage = lazy(() => import("./pages/inspections/InspectionMergePage.js"));
const ProofsPage = lazy(() => import("./pages/proofs/ProofsPage.js"));
const MeetingsPage = lazy(() => import("./pages/meetings/MeetingsPage.js"));
const InspectionPlanPage = lazy(() => import("./pages/inspection-plans/InspectionPlanPage.js"));
const RankingsPage = lazy(() => import("./pages/rankings/RankingsPage.js"));
const SecondmentsPage = lazy(() => import("./pages/secondments/SecondmentsPage.js"));
const FingertipsPage = lazy(() => import("./pages/fingertips/FingertipsPage.js"));
const EvaluationsPage = lazy(() => import("./pages/evaluations/EvaluationsPage.js"));
const PlaquesPage = lazy(() => import("./pages/plaques/PlaquesPage.js"));
const FacilitiesPage = lazy(() => import("./pages/facilities/FacilitiesPage.js"));
const FacilityReportPage = lazy(() => import("./pages/facilities/FacilityReportPage.js"));
const ProjectsPage = lazy(() => import("./pages/facilities/ProjectsPage.js"));
const PowersPage = lazy(() => import("./pages/powers/PowersPage.js"));
const DocumentsPage = lazy(() => import("./pages/documents/DocumentsPage.js"));
const DocumentDetailPage = lazy(() => import("./pages/documents/DocumentDetailPage.js"));
const FormsPage = lazy(() => import("./pages/forms/FormsPage.js"));
const FormMappingPage = lazy(() => import("./pages/forms/FormMappingPage.js"));
const CatalogPage = lazy(() => import("./pages/forms/CatalogPage.js"));
const OneTablePage = lazy(() => import("./pages/forms/OneTablePage.js"));
const FiguresPage = lazy(() => import("./pages/forms/FiguresPage.js"));
const DashboardPage = lazy(() => import("./pages/dashboard/DashboardPage.js"));
const MonitoringSurveyPage = lazy(() => import("./pages/monitoring/SurveyPage.js"));
const MonitoringPointsPage = lazy(() => import("./pages/monitoring/PointsPage.js"));
const PublicSurveyPage = lazy(() => import("./pages/survey/PublicSurveyPage.js"));
const PublicVerifyPage = lazy(() => import("./pages/verify/PublicVerifyPage.js"));
const PublicReportPage = lazy(() => import("./pages/report/PublicReportPage.js"));
const FollowPage = lazy(() => import("./pages/report/FollowPage.js"));
const CaseListPage = lazy(() => import("./pages/cases/CaseListPage.js"));
const CaseDetailPage = lazy(() => import("./pages/cases/CaseDetailPage.js"));
const CadreReportPage = lazy(() => import("./pages/cases/CadreReportPage.js"));
const MyTasksPage = lazy(() => import("./pages/cases/MyTasksPage.js"));
const NoticesPage = lazy(() => import("./pages/cases/NoticesPage.js"));
const PublicNoticesPage = lazy(() => import("./pages/report/PublicNoticesPage.js"));
const CaseSettingsPage = lazy(() => import("./pages/cases/CaseSettingsPage.js"));

export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, sans-serif';

const theme: ThemeConfig = {
  token: { colorPrimary: "#1d4e89", colorLink: "#1d4e89", borderRadius: 4, fontFamily: FONT_FAMILY },
  components: {
    Layout: { headerBg: "#ffffff", siderBg: "#0f2d52", triggerBg: "#0b2340", headerHeight: 56, headerPadding: "0 16px" },
    Menu: { darkItemBg: "#0f2d52", darkSubMenuItemBg: "#0b2340", darkItemSelectedBg: "#b71c1c" },
  },
};

/** Everything behind the session: the login page and the app frame with its pages. */
function SignedIn() {
  return (
    <AuthProvider>
      <Routes>
        <Route
          path="/login"
          element={
            <Suspense fallback={<PageSpin />}>
              <LoginPage />
            </Suspense>
          }
        />
        <Route
          element={
            <RequireAuth>
              <Suspense fallback={<PageSpin />}>
                <AppLayout />
              </Suspense>
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="units" element={<RequireAuth action="units.read"><UnitsPage /></RequireAuth>} />
          <Route path="users" element={<RequireAuth action="users.manage"><UsersPage /></RequireAuth>} />
          <Route path="audit" element={<RequireAuth action="audit.read"><AuditPage /></RequireAuth>} />
          <Route path="burdens" element={<RequireAuth screen="burdens"><BurdenListPage /></RequireAuth>} />
          <Route path="burdens/new" element={<RequireAuth screen="newBurden"><BurdenFormPage /></RequireAuth>} />
          <Route path="burdens/:id/edit" element={<RequireAuth screen="newBurden"><BurdenFormPage /></RequireAuth>} />
          {/* Read by whoever the server lets read it, a targeted village included. */}
          <Route path="burdens/:id" element={<BurdenDetailPage />} />
          <Route path="review" element={<RequireAuth screen="review"><ReviewPage /></RequireAuth>} />
          <Route path="inbox" element={<RequireAuth screen="inbox"><InboxPage /></RequireAuth>} />
          <Route path="duties" element={<DutiesPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route path="gate" element={<RequireAuth screen="gate"><GateSettingsPage /></RequireAuth>} />
          <Route path="cases" element={<RequireAuth screen="cases"><CaseListPage /></RequireAuth>} />
          <Route path="cases/report" element={<RequireAuth screen="reportCase"><CadreReportPage /></RequireAuth>} />
          <Route path="cases/tasks" element={<RequireAuth screen="reportCase"><MyTasksPage /></RequireAuth>} />
          <Route path="cases/notices" element={<RequireAuth screen="cases"><NoticesPage /></RequireAuth>} />
          <Route path="cases/settings" element={<RequireAuth screen="caseSettings"><CaseSettingsPage /></RequireAuth>} />
          <Route path="cases/:id" element={<RequireAuth screen="cases"><CaseDetailPage /></RequireAuth>} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="proofs" element={<ProofsPage />} />
          <Route path="secondments" element={<RequireAuth screen="secondments"><SecondmentsPage /></RequireAuth>} />
          <Route path="meetings" element={<RequireAuth screen="meetings"><MeetingsPage /></RequireAuth>} />
          <Route path="inspection-plans" element={<RequireAuth screen="inspectionPlans"><InspectionPlanPage /></RequireAuth>} />
          <Route path="rankings" element={<RequireAuth screen="rankings"><RankingsPage /></RequireAuth>} />
          <Route path="fingertips" element={<RequireAuth screen="fingertips"><FingertipsPage /></RequireAuth>} />
          <Route path="evaluations" element={<RequireAuth screen="evaluations"><EvaluationsPage /></RequireAuth>} />
          <Route path="plaques" element={<RequireAuth screen="plaques"><PlaquesPage /></RequireAuth>} />
          <Route path="facilities" element={<RequireAuth screen="facilities"><FacilitiesPage /></RequireAuth>} />
          <Route path="facilities/report" element={<RequireAuth screen="facilityReport"><FacilityReportPage /></RequireAuth>} />
          <Route path="projects" element={<RequireAuth screen="projects"><ProjectsPage /></RequireAuth>} />
          <Route path="powers" element={<RequireAuth screen="powers"><PowersPage /></RequireAuth>} />
          <Route path="inspections" element={<RequireAuth screen="inspections"><InspectionMergePage /></RequireAuth>} />
          <Route path="documents/:id" element={<DocumentDetailPage />} />
          <Route path="forms" element={<RequireAuth screen="forms"><FormsPage /></RequireAuth>} />
          <Route path="forms/catalog" element={<RequireAuth screen="formsCatalog"><CatalogPage /></RequireAuth>} />
          <Route path="forms/figures" element={<RequireAuth screen="forms"><FiguresPage /></RequireAuth>} />
          <Route path="forms/fill" element={<RequireAuth screen="oneTable"><OneTablePage /></RequireAuth>} />
          <Route path="forms/:id" element={<RequireAuth screen="forms"><FormMappingPage /></RequireAuth>} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="monitoring" element={<RequireAuth screen="monitoringPoints"><MonitoringPointsPage /></RequireAuth>} />
          <Route path="monitoring/survey" element={<RequireAuth screen="monitoringSurvey"><MonitoringSurveyPage /></RequireAuth>} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AuthProvider>
  );
}

function Routed() {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === "en" ? enUS : zhCN} theme={theme} componentSize="middle">
      <AntApp>
        <BrowserRouter>
          <Routes>
            {/* Public, no login, no session check: the QR code on a document points here. */}
            <Route
              path="/verify/:number?"
              element={
                <Suspense fallback={<PageSpin />}>
                  <PublicVerifyPage />
                </Suspense>
              }
            />
            {/* Public reporting by QR code: no login; the poster of a unit points at /report/<code>. */}
            <Route path="/notices" element={<Suspense fallback={<PageSpin />}><PublicNoticesPage /></Suspense>} />
            <Route path="/report/follow" element={<Suspense fallback={<PageSpin />}><FollowPage /></Suspense>} />
            {/* Public satisfaction survey by QR code: no login; the poster of a unit points at /survey/<code>. */}
            <Route path="/survey/:code" element={<Suspense fallback={<PageSpin />}><PublicSurveyPage /></Suspense>} />
            <Route path="/report/:unitCode?" element={<Suspense fallback={<PageSpin />}><PublicReportPage /></Suspense>} />
            <Route path="*" element={<SignedIn />} />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <Routed />
    </LangProvider>
  );
}
